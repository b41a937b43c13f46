using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Expiry and status rules: a token is valid through 23:59:59 server time on its expiry date.</summary>
public sealed class TokenLifetime(TimeProvider time, IOptions<TokenOptions> options)
{
    private readonly TimeSpan _expiringSoonWindow = options.Value.ExpiringSoonWindow;

    public DateTime UtcNow => StoreClock.UtcNow(time);

    /// <summary>Today's date on the server's clock, which is what an expiry date is compared with.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>A token whose last valid day is on or before this date is expiring soon.</summary>
    public DateOnly ExpiringSoonUntil => DateOnly.FromDateTime(time.GetLocalNow().DateTime + _expiringSoonWindow);

    public bool IsExpired(DateOnly? expiresOn) => expiresOn is { } last && Today > last;

    public bool IsRevoked(DateTime? revokedAt) => revokedAt is { } at && at <= UtcNow;

    public TokenStatus StatusOf(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (IsRevoked(token.RevokedAt))
        {
            return TokenStatus.Revoked;
        }

        if (IsExpired(token.ExpiresOn))
        {
            return TokenStatus.Expired;
        }

        if (token.ExpiresOn is { } last && last <= ExpiringSoonUntil)
        {
            return TokenStatus.ExpiringSoon;
        }

        return TokenStatus.Active;
    }

    /// <summary>The same rules as <see cref="StatusOf"/>, as a store query.</summary>
    public IQueryable<ApiToken> WhereStatus(IQueryable<ApiToken> tokens, TokenStatus status)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var now = UtcNow;
        var today = Today;
        var soon = ExpiringSoonUntil;
        var live = tokens.Where(t => t.RevokedAt == null || t.RevokedAt > now);
        return status switch
        {
            TokenStatus.Revoked => tokens.Where(t => t.RevokedAt != null && t.RevokedAt <= now),
            TokenStatus.Expired => live.Where(t => t.ExpiresOn != null && t.ExpiresOn < today),
            TokenStatus.ExpiringSoon => live.Where(t => t.ExpiresOn != null && t.ExpiresOn >= today && t.ExpiresOn <= soon),
            _ => live.Where(t => t.ExpiresOn == null || t.ExpiresOn > soon),
        };
    }
}
