using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tokens;

/// <summary>Store-backed checks shared by the token services: role names exist, names are unique per client.</summary>
internal static class TokenRules
{
    public static TokenValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    public static async Task<List<Role>> ResolveRolesAsync(GatewayDbContext context, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        var roles = await context.Roles.Where(r => wanted.Contains(r.Name)).ToListAsync(cancellationToken);
        var unknown = wanted.Except(roles.Select(r => r.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid("roles", $"Unknown role(s): {string.Join(", ", unknown)}.");
        }

        return roles;
    }

    public static async Task EnsureNameFreeAsync(GatewayDbContext context, long clientId, string name, long? exceptId, CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(context, clientId, name, exceptId, cancellationToken))
        {
            throw NameTaken(name);
        }
    }

    /// <summary>Saves; a unique-name race lost to another writer becomes the same validation error.</summary>
    public static async Task SaveAsync(GatewayDbContext context, TokenSpec spec, long? exceptId, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            context.ChangeTracker.Clear();
            if (await NameTakenAsync(context, spec.ClientId, spec.Name, exceptId, cancellationToken))
            {
                throw NameTaken(spec.Name);
            }

            throw;
        }
    }

    /// <summary>
    /// Revokes <paramref name="token"/> as of <paramref name="now"/>; false when it already was (the first record stays).
    /// A rolled token still in its overlap is revoked for good.
    /// </summary>
    public static bool Revoke(ApiToken token, DateTime now, string actor, string? reason, string kind)
    {
        if (reason is { Length: > TokenService.MaxReasonLength })
        {
            throw Invalid("reason", $"Reason must be at most {TokenService.MaxReasonLength} characters.");
        }

        if (token.RevokedAt is { } at && at <= now)
        {
            return false;
        }

        token.RevokedAt = now;
        token.RevokedBy = actor;
        token.RevokeKind = kind;
        // Keep an earlier reason (e.g. "Rolled: replaced by …") unless a new one is given.
        token.RevokeReason = string.IsNullOrWhiteSpace(reason) ? token.RevokeReason : reason.Trim();
        token.UpdatedAt = now;
        return true;
    }

    /// <summary>Allowlist entries as stored: trimmed, each once.</summary>
    public static List<string> CleanIps(IEnumerable<string> entries) =>
        [.. entries.Select(ip => ip.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static Task<bool> NameTakenAsync(GatewayDbContext context, long clientId, string name, long? exceptId, CancellationToken cancellationToken) =>
        context.Tokens.AnyAsync(t => t.ClientId == clientId && t.Name == name && t.RevokedAt == null && t.Id != exceptId, cancellationToken);

    private static TokenValidationException NameTaken(string name) =>
        Invalid("name", $"Client already has a live token named '{name}'.");
}
