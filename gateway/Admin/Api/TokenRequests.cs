using Gateway.Tokens;

namespace Gateway.Admin.Api;

/// <summary>Body of <c>POST /tokens</c>.</summary>
public sealed record CreateTokenRequest(
    long ClientId,
    string Name,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? AllowedIps,
    DateOnly? ExpiresOn,
    int? RateLimitPerMinute)
{
    public TokenSpec ToSpec() => new()
    {
        ClientId = ClientId,
        Name = Name ?? "",
        Scopes = Scopes ?? [],
        Roles = Roles ?? [],
        AllowedIps = AllowedIps ?? [],
        ExpiresOn = ExpiresOn,
        RateLimitPerMinute = RateLimitPerMinute,
    };
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
    public TokenEdit ToEdit()
    {
        Change<DateOnly?>? expiry = null;
        if (ExpiresOn is not null)
        {
            if (ExpiresOn is "never" or "none")
            {
                expiry = new Change<DateOnly?>(null);
            }
            else if (DateOnly.TryParseExact(ExpiresOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                expiry = new Change<DateOnly?>(date);
            }
            else
            {
                throw TokenRules.Invalid("expiresOn", $"'{ExpiresOn}' is not a date (yyyy-MM-dd) or 'never'.");
            }
        }

        return new TokenEdit
        {
            Name = Name,
            Scopes = Scopes,
            Roles = Roles,
            AllowedIps = AllowedIps,
            ExpiresOn = expiry,
            RateLimitPerMinute = UseDefaultRateLimit ? new Change<int?>(null) : RateLimitPerMinute is { } limit ? new Change<int?>(limit) : null,
        };
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
