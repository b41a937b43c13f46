using Gateway.Tokens;

namespace Gateway.Admin.Api;

/// <summary>
/// Body of <c>POST /tokens</c>. <c>expiresOn</c> takes a date (yyyy-MM-dd) or <c>"never"</c>; absent, the token gets
/// the default expiry (today + 1 year, or sooner under a maximum lifetime), as on every other path.
/// </summary>
public sealed record CreateTokenRequest(
    long ClientId,
    string Name,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? AllowedIps,
    string? ExpiresOn,
    int? RateLimitPerMinute)
{
    public TokenSpec ToSpec()
    {
        var expiry = ExpiryRequest.Parse(ExpiresOn);
        return new()
        {
            ClientId = ClientId,
            Name = Name ?? "",
            Scopes = Scopes ?? [],
            Roles = Roles ?? [],
            AllowedIps = AllowedIps ?? [],
            ExpiresOn = expiry?.Value,
            NeverExpires = expiry is { Value: null },
            RateLimitPerMinute = RateLimitPerMinute,
        };
    }
}

/// <summary>
/// Body of <c>PATCH /tokens/{id}</c>: absent members stay as they are; lists replace the old list.
/// <c>expiresOn</c> takes a date or <c>"never"</c>; <c>useDefaultRateLimit</c> drops a per-token limit.
/// </summary>
public sealed record EditTokenRequest(
    string? Name,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? AllowedIps,
    string? ExpiresOn,
    int? RateLimitPerMinute,
    bool UseDefaultRateLimit = false)
{
    public TokenEdit ToEdit() =>
        new()
        {
            Name = Name,
            Scopes = Scopes,
            Roles = Roles,
            AllowedIps = AllowedIps,
            ExpiresOn = ExpiryRequest.Parse(ExpiresOn),
            RateLimitPerMinute = UseDefaultRateLimit ? new Change<int?>(null) : RateLimitPerMinute is { } limit ? new Change<int?>(limit) : null,
        };
}

/// <summary>How the admin API writes an expiry: a yyyy-MM-dd date, or "never".</summary>
internal static class ExpiryRequest
{
    /// <summary>Null when absent; a change to null for "never"; a change to the date otherwise.</summary>
    public static Change<DateOnly?>? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text is "never" or "none")
        {
            return new Change<DateOnly?>(null);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? new Change<DateOnly?>(date)
            : throw TokenRules.Invalid("expiresOn", $"'{text}' is not a date (yyyy-MM-dd) or 'never'.");
    }
}

/// <summary>Body of <c>POST /tokens/{id}/roll</c>: how long the old token keeps working, in seconds.</summary>
public sealed record RollTokenRequest(int OverlapSeconds = 0);

/// <summary>Body of revocations.</summary>
public sealed record RevokeRequest(string? Reason);

/// <summary>A new token: <c>plaintext</c> is shown here once and never again.</summary>
public sealed record CreatedTokenResponse(string Plaintext, TokenView Token);

/// <summary>A page of tokens with the billing API's own pagination shape.</summary>
public sealed record TokenPage(IReadOnlyList<TokenView> Data, PageMeta Meta);

public sealed record PageMeta(int CurrentPage, int PerPage, int Total, int LastPage);
