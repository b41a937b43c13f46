using Gateway.Tokens;

namespace Gateway.Notices;

/// <summary>What an event says: the token, who did it, and the event's own details (leak URL, days left, …).</summary>
public sealed record NoticeData(TokenSummary Token, string Actor, object? Details);

/// <summary>A token as notices describe it: never the secret, never its hash.</summary>
public sealed record TokenSummary(
    long Id,
    long ClientId,
    string Name,
    string Hint,
    string Status,
    DateOnly? ExpiresOn,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Roles,
    DateTime? RevokedAt,
    string? RevokedBy,
    string? RevokeKind,
    string? RevokeReason,
    string? LeakedUrl)
{
    public static TokenSummary From(TokenView token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenSummary(
            token.Id, token.ClientId, token.Name, token.Hint, StatusName(token.Status), token.ExpiresOn, token.Scopes, token.Roles,
            token.RevokedAt, token.RevokedBy, token.RevokeKind, token.RevokeReason, token.LeakedUrl);
    }

    private static string StatusName(TokenStatus status) => status switch
    {
        TokenStatus.ExpiringSoon => "expiring_soon",
        _ => status.ToString().ToLowerInvariant(),
    };
}
