using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Expiry and status rules: a token is valid through 23:59:59 server time on its expiry date.</summary>
public sealed class TokenLifetime(TimeProvider time, IOptions<TokenOptions> options)
{
    private readonly TimeSpan _expiringSoonWindow = options.Value.ExpiringSoonWindow;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Today's date on the server's clock, which is what an expiry date is compared with.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

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

        if (token.ExpiresOn is { } last && last.ToDateTime(TimeOnly.MaxValue) - time.GetLocalNow().DateTime <= _expiringSoonWindow)
        {
            return TokenStatus.ExpiringSoon;
        }

        return TokenStatus.Active;
    }
}
