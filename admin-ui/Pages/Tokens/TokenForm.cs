using System.Globalization;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>The fields of the create and edit forms, and how they become a spec.</summary>
public sealed class TokenForm
{
    public long ClientId { get; set; }

    public string Name { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public List<string> Roles { get; set; } = [];

    /// <summary>One entry per line; an empty box binds as null.</summary>
    public string? AllowedIps { get; set; }

    /// <summary>"never" or "date".</summary>
    public string Expiry { get; set; } = "date";

    public DateOnly? ExpiresOn { get; set; }

    public int? RateLimitPerMinute { get; set; }

    // Methods, not properties: the model binder reads every public property of a bound model.
    public IReadOnlyList<string> IpList() =>
        [.. (AllowedIps ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public DateOnly? EffectiveExpiry() => Expiry == "never" ? null : ExpiresOn;

    public TokenSpec ToSpec() => new()
    {
        ClientId = ClientId,
        Name = Name ?? "",
        Scopes = Scopes,
        Roles = Roles,
        AllowedIps = IpList(),
        ExpiresOn = EffectiveExpiry(),
        NeverExpires = Expiry == "never",
        RateLimitPerMinute = RateLimitPerMinute,
    };

    /// <summary>Checks what the domain cannot see: a chosen "on date" expiry needs a date.</summary>
    public void Check(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (Expiry != "never" && ExpiresOn is null && modelState.GetFieldValidationState("Form.ExpiresOn") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            modelState.AddModelError("Form.ExpiresOn", "Pick the last valid day, or choose \"Never\".");
        }
    }

    public static TokenForm From(TokenView token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenForm
        {
            ClientId = token.ClientId,
            Name = token.Name,
            Scopes = [.. token.Scopes],
            Roles = [.. token.Roles],
            AllowedIps = string.Join('\n', token.AllowedIps),
            Expiry = token.ExpiresOn is null ? "never" : "date",
            ExpiresOn = token.ExpiresOn,
            RateLimitPerMinute = token.RateLimitPerMinute,
        };
    }

    public static string DateValue(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
