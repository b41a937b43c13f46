using System.Text.RegularExpressions;

namespace Gateway.Tokens;

/// <summary>Checks a <see cref="TokenSpec"/> against DESIGN §4 before anything touches the store.</summary>
public static partial class TokenSpecValidator
{
    public const int MaxAllowedIps = 100;
    public const int MaxRateLimitPerMinute = 1_000_000;

    public static void Validate(TokenSpec spec, ScopeCatalog scopes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scopes);
        var errors = new Dictionary<string, string[]>();

        if (spec.ClientId <= 0)
        {
            errors["clientId"] = ["Client id must be a positive number."];
        }

        if (!IsValidName(spec.Name))
        {
            errors["name"] = ["Name must be 1-50 characters of A-Z, a-z, 0-9, '-' and '_'."];
        }

        if (scopes.UnknownScopesError(spec.Scopes) is { } unknown)
        {
            errors["scopes"] = [unknown];
        }

        var ipErrors = AllowedIpErrors(spec.AllowedIps);
        if (ipErrors.Count > 0)
        {
            errors["allowedIps"] = [.. ipErrors];
        }

        if (spec.RateLimitPerMinute is <= 0 or > MaxRateLimitPerMinute)
        {
            errors["rateLimitPerMinute"] = [$"Rate limit must be between 1 and {MaxRateLimitPerMinute:N0} requests per minute."];
        }

        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }
    }

    private static List<string> AllowedIpErrors(IReadOnlyList<string> entries)
    {
        var errors = new List<string>();
        if (entries.Count > MaxAllowedIps)
        {
            errors.Add($"At most {MaxAllowedIps} allowed IP entries; got {entries.Count}.");
        }

        foreach (var entry in entries)
        {
            if (!IpAllowlist.TryParseEntry(entry, out _))
            {
                errors.Add($"'{entry}' is not an IPv4/IPv6 address or CIDR range (e.g. 10.5.3.33, 10.5.3.0/24, 2001:db8::/48).");
            }
        }

        return errors;
    }

    /// <summary>Token and role names: 1-50 of A-Z a-z 0-9 - _.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex NamePattern();
}
