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

    /// <summary>One entry per line.</summary>
    public string AllowedIps { get; set; } = "";

    /// <summary>"never" or "date".</summary>
    public string Expiry { get; set; } = "date";

    public DateOnly? ExpiresOn { get; set; }

    public int? RateLimitPerMinute { get; set; }

    public IReadOnlyList<string> IpList =>
        [.. AllowedIps.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public DateOnly? EffectiveExpiry => Expiry == "never" ? null : ExpiresOn;

    public TokenSpec ToSpec() => new()
    {
        ClientId = ClientId,
        Name = Name ?? "",
        Scopes = Scopes,
        Roles = Roles,
        AllowedIps = IpList,
        ExpiresOn = EffectiveExpiry,
        RateLimitPerMinute = RateLimitPerMinute,
    };

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
