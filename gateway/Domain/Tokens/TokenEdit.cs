namespace Gateway.Tokens;

/// <summary>An edit of a token: every null member stays as it is; lists replace the old list.</summary>
public sealed record TokenEdit
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public IReadOnlyList<string>? AllowedIps { get; init; }

    /// <summary>A new expiry date, or <c>new Change&lt;DateOnly?&gt;(null)</c> for none.</summary>
    public Change<DateOnly?>? ExpiresOn { get; init; }

    /// <summary>A per-token limit, or <c>new Change&lt;int?&gt;(null)</c> for the configured default.</summary>
    public Change<int?>? RateLimitPerMinute { get; init; }

    /// <summary>The spec that results from applying this edit to <paramref name="current"/>.</summary>
    public TokenSpec ApplyTo(TokenSpec current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            Name = Name ?? current.Name,
            Scopes = Scopes ?? current.Scopes,
            Roles = Roles ?? current.Roles,
            AllowedIps = AllowedIps ?? current.AllowedIps,
            ExpiresOn = ExpiresOn is { } expires ? expires.Value : current.ExpiresOn,
            NeverExpires = ExpiresOn is { } change ? change.Value is null : current.NeverExpires,
            RateLimitPerMinute = RateLimitPerMinute is { } limit ? limit.Value : current.RateLimitPerMinute,
        };
    }
}
