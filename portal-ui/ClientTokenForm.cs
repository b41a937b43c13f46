using System.Globalization;
using Gateway.Clients;

namespace PortalUi;

/// <summary>The fields a client fills in (create and edit), and how they become a request to the domain.</summary>
public sealed class ClientTokenForm
{
    public string Name { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    /// <summary>One entry per line (or comma-separated); an empty box means any address.</summary>
    public string? AllowedIps { get; set; }

    /// <summary>"date" or "never".</summary>
    public string Expiry { get; set; } = "date";

    public DateOnly? ExpiresOn { get; set; }

    // Methods, not properties: the model binder reads every public property of a bound model.
    public IReadOnlyList<string> IpList() =>
        [.. (AllowedIps ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public ClientTokenRequest ToRequest() => new()
    {
        Name = Name ?? "",
        Scopes = Scopes,
        AllowedIps = IpList(),
        NeverExpires = Expiry == "never",
        ExpiresOn = Expiry == "never" ? null : ExpiresOn,
    };

    /// <summary>A chosen "on date" expiry needs a date: refuse rather than silently take the default.</summary>
    public void Check(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (Expiry != "never" && ExpiresOn is null && modelState.GetFieldValidationState("Form.ExpiresOn") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            modelState.AddModelError("Form.ExpiresOn", "Pick the last day the token works, or choose \"Never\".");
        }
    }

    public static string DateValue(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
