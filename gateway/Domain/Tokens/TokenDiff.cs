namespace Gateway.Tokens;

/// <summary>Which settings an edit changed, by name (for the <c>token.edited</c> event).</summary>
internal static class TokenDiff
{
    public static IReadOnlyList<string> Changed(TokenView before, TokenView after)
    {
        var changed = new List<string>();
        Add(changed, "name", before.Name == after.Name);
        Add(changed, "scopes", before.Scopes.SequenceEqual(after.Scopes));
        Add(changed, "roles", before.Roles.SequenceEqual(after.Roles));
        Add(changed, "allowed_ips", before.AllowedIps.SequenceEqual(after.AllowedIps));
        Add(changed, "expires_on", before.ExpiresOn == after.ExpiresOn);
        Add(changed, "rate_limit_per_minute", before.RateLimitPerMinute == after.RateLimitPerMinute);
        return changed;
    }

    private static void Add(List<string> changed, string name, bool same)
    {
        if (!same)
        {
            changed.Add(name);
        }
    }
}
