using System.Globalization;
using Gateway.Tokens;

namespace PortalUi;

/// <summary>How the portal shows tokens: dates, "Any" for an empty allowlist, row colours and notices.</summary>
public static class PortalView
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Expiry(DateOnly? expiresOn) => expiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "Never";

    public static string Ips(IReadOnlyList<string> ips) => ips.Count == 0 ? "Any" : string.Join(", ", ips);

    public static string LastUsed(TokenView t) => t.LastUsedAt is { } used ? $"{Time(used)} from {t.LastUsedIp}" : "Never";

    /// <summary>A token still working during a roll's overlap: it stops at its (future) revocation time.</summary>
    public static bool IsRetiring(TokenView t) => t.RevokedAt is not null && t.Status != TokenStatus.Revoked;

    /// <summary>Expiring within the window: yellow; expired: red; otherwise plain.</summary>
    public static string RowClass(TokenView t) => t.Status switch
    {
        TokenStatus.ExpiringSoon => "row-expiring",
        TokenStatus.Expired => "row-expired",
        _ => IsRetiring(t) ? "row-retiring" : "row-active",
    };

    /// <summary>The notice beside a yellow or red row, or null.</summary>
    public static string? Notice(TokenView t) => t.Status switch
    {
        TokenStatus.ExpiringSoon => $"Expires soon: works through {Expiry(t.ExpiresOn)}.",
        TokenStatus.Expired => $"Expired on {Expiry(t.ExpiresOn)}: requests with it get 401.",
        _ => null,
    };
}
