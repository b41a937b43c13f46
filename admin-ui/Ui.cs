using System.Globalization;
using Gateway.Tokens;

namespace AdminUi;

/// <summary>How the staff UI shows tokens: times in UTC, statuses in words and row colours.</summary>
public static class Ui
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Expiry(DateOnly? expiresOn) => expiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "Never";

    public static string List(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "—";

    /// <summary>Who made a token: the staff account or key as recorded, or "client, portal" for a client's own.</summary>
    public static string CreatedBy(string actor) =>
        actor?.StartsWith("client:", StringComparison.Ordinal) == true ? "client, portal" : actor ?? "";

    public static string StatusText(TokenStatus status) => status switch
    {
        TokenStatus.ExpiringSoon => "Expiring soon",
        _ => status.ToString(),
    };

    /// <summary>Why a token was revoked, in words.</summary>
    public static string RevokeKind(string kind) => kind switch
    {
        RevokeKinds.Leaked => "Leaked",
        RevokeKinds.Exposed => "Exposed (sent over plain HTTP)",
        RevokeKinds.Rolled => "Rolled (replaced by a new token)",
        RevokeKinds.Revoked => "Revoked",
        RevokeKinds.ClientClosed => "Client closed",
        _ => kind,
    };

    /// <summary>Expiring soon: yellow; expired: red; revoked: grey.</summary>
    public static string RowClass(TokenStatus status) => status switch
    {
        TokenStatus.ExpiringSoon => "row-expiring",
        TokenStatus.Expired => "row-expired",
        TokenStatus.Revoked => "row-revoked",
        _ => "row-active",
    };
}
