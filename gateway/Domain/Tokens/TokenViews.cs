using Gateway.Data;

namespace Gateway.Tokens;

/// <summary>Maps stored tokens to what staff see, with the status as of now.</summary>
public sealed class TokenViews(TokenLifetime lifetime)
{
    public TokenView ToView(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenView
        {
            Id = token.Id,
            ClientId = token.ClientId,
            Name = token.Name,
            Hint = token.Hint,
            Status = lifetime.StatusOf(token),
            Scopes = token.Scopes,
            Roles = [.. token.Roles.Select(r => r.Name).Order(StringComparer.Ordinal)],
            AllowedIps = token.AllowedIps,
            ExpiresOn = token.ExpiresOn,
            RateLimitPerMinute = token.RateLimitPerMinute,
            CreatedAt = token.CreatedAt,
            CreatedBy = token.CreatedBy,
            UpdatedAt = token.UpdatedAt,
            RevokedAt = token.RevokedAt,
            RevokedBy = token.RevokedBy,
            RevokeReason = token.RevokeReason,
            RevokeKind = token.RevokeKind,
            LeakedUrl = token.LeakedUrl,
            LastUsedAt = token.LastUsedAt,
            LastUsedIp = token.LastUsedIp,
        };
    }

    /// <summary>The spec a stored token was made from, for edits and rolls to start from.</summary>
    public static TokenSpec ToSpec(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenSpec
        {
            ClientId = token.ClientId,
            Name = token.Name,
            Scopes = token.Scopes,
            Roles = [.. token.Roles.Select(r => r.Name)],
            AllowedIps = token.AllowedIps,
            ExpiresOn = token.ExpiresOn,
            NeverExpires = token.ExpiresOn is null,
            RateLimitPerMinute = token.RateLimitPerMinute,
        };
    }
}
