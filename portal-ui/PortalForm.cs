using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PortalUi;

/// <summary>Puts a refused change's field errors on the form, under the form's own field names.</summary>
public static class PortalForm
{
    public static void AddErrors(ModelStateDictionary modelState, TokenValidationException error)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (field, messages) in error.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError($"Form.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            }
        }
    }
}
