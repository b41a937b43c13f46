using System.Text.RegularExpressions;

namespace Gateway.Tokens;

/// <summary>Checks a <see cref="TokenSpec"/> against DESIGN §4 before anything touches the store.</summary>
public static partial class TokenSpecValidator
{
    public const int MaxAllowedIps = 100;
    public const int MaxRateLimitPerMinute = 1_000_000;
    public const int MaxNameLength = 50;

    /// <summary>What a token name may hold, for messages and the forms' hints.</summary>
    public const string NameRule = "Name must be 1-50 characters: letters, digits, spaces, '-', '_' and '.'.";

    /// <summary>The spec as it is checked and stored: the name trimmed.</summary>
    public static TokenSpec Normalize(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec with { Name = (spec.Name ?? "").Trim() };
    }

    /// <summary>Checks a normalized spec; throws <see cref="TokenValidationException"/> naming every bad field.</summary>
    public static void Validate(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new Dictionary<string, string[]>();

        if (spec.ClientId <= 0)
        {
            errors["clientId"] = ["Client id must be a positive number."];
        }

        if (!IsValidTokenName(spec.Name))
        {
            errors["name"] = [NameRule];
        }

        var unknown = spec.Scopes.Where(s => !ScopeCatalog.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            errors["scopes"] = [$"Unknown scope(s): {string.Join(", ", unknown)}. Known scopes: {string.Join(", ", ScopeCatalog.All)}."];
        }
        else if (spec.Scopes.Count == 0 && spec.Roles.Count == 0)
        {
            // A token that grants nothing is a credential with no use: refuse it rather than store it.
            errors["scopes"] = ["A token must grant something: give it at least one scope or role."];
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

        if (spec.NeverExpires && spec.ExpiresOn is not null)
        {
            errors["expiresOn"] = ["Choose an expiry date or no expiry, not both."];
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

    /// <summary>Token names as the seeds write them ("My Integration", "deploy-script", "v1.2"): 1-50 of letters, digits, space, - _ . once trimmed.</summary>
    public static bool IsValidTokenName(string? name) =>
        name is not null && name.Length == name.Trim().Length && TokenNamePattern().IsMatch(name);

    /// <summary>Identifiers (role, staff and admin-key names): 1-50 of A-Z a-z 0-9 - _.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,50}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9 _.-]{1,50}\z")]
    private static partial Regex TokenNamePattern();
}
