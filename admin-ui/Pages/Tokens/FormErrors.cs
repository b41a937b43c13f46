using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminUi.Pages.Tokens;

/// <summary>Puts a refused change's field errors on the form.</summary>
public static class FormErrors
{
    public static void Add(ModelStateDictionary modelState, TokenValidationException error)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (field, messages) in error.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field, message);
            }
        }
    }
}
