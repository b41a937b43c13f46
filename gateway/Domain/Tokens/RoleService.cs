using Gateway.Audit;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tokens;

/// <summary>
/// Roles with WHMCS semantics: named scope sets a token can hold. A change to a role changes what every
/// token holding it may do, so each change empties the token cache.
/// </summary>
public sealed class RoleService(IDbContextFactory<GatewayDbContext> db, TokenChanges changes, TokenLifetime lifetime, ScopeCatalog scopes, IStaffAuditLog audit)
{
    public async Task<RoleView> CreateAsync(RoleSpec spec, string actor, CancellationToken cancellationToken = default)
    {
        Validate(spec);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await EnsureNameFreeAsync(context, spec.Name, exceptId: null, cancellationToken);
        var now = lifetime.UtcNow;
        var role = new Role
        {
            Name = spec.Name,
            Description = Clean(spec.Description),
            Scopes = [.. spec.Scopes.Distinct(StringComparer.Ordinal)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        context.Roles.Add(role);
        await context.SaveChangesAsync(cancellationToken);
        var created = ToView(role, tokenCount: 0);
        audit.Record(new StaffAction("role.created", actor, $"role:{created.Name}", After: created));
        return created;
    }

    public async Task<IReadOnlyList<RoleView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.Roles.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new { Role = r, Count = r.Tokens.Count })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToView(r.Role, r.Count))];
    }

    public async Task<RoleView?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Roles.AsNoTracking().Where(r => r.Name == name)
            .Select(r => new { Role = r, Count = r.Tokens.Count })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToView(row.Role, row.Count);
    }

    /// <summary>Replaces a role's name, description and scopes. Null when there is no such role.</summary>
    public async Task<RoleView?> EditAsync(string name, RoleSpec spec, string actor, CancellationToken cancellationToken = default)
    {
        Validate(spec);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var role = await context.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        if (role is null)
        {
            return null;
        }

        await EnsureNameFreeAsync(context, spec.Name, exceptId: role.Id, cancellationToken);
        var before = ToView(role, tokenCount: 0);
        role.Name = spec.Name;
        role.Description = Clean(spec.Description);
        role.Scopes = [.. spec.Scopes.Distinct(StringComparer.Ordinal)];
        role.UpdatedAt = lifetime.UtcNow;
        await context.SaveChangesAsync(cancellationToken);
        await changes.AllChangedAsync(CancellationToken.None);
        var after = ToView(role, await context.Roles.Where(r => r.Id == role.Id).Select(r => r.Tokens.Count).SingleAsync(cancellationToken));
        audit.Record(new StaffAction("role.edited", actor, $"role:{name}", before with { TokenCount = after.TokenCount }, after));
        return after;
    }

    /// <summary>Deletes a role and unassigns it from every token; returns it with the number of tokens that lost it.</summary>
    public async Task<RoleView?> DeleteAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var role = await context.Roles.Include(r => r.Tokens).SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        if (role is null)
        {
            return null;
        }

        var view = ToView(role, role.Tokens.Count);
        context.Roles.Remove(role);
        await context.SaveChangesAsync(cancellationToken);
        await changes.AllChangedAsync(CancellationToken.None);
        audit.Record(new StaffAction("role.deleted", actor, $"role:{name}", Before: view));
        return view;
    }

    private void Validate(RoleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new Dictionary<string, string[]>();
        if (!TokenSpecValidator.IsValidName(spec.Name))
        {
            errors["name"] = ["Role name must be 1-50 characters of A-Z, a-z, 0-9, '-' and '_'."];
        }

        if (scopes.UnknownScopesError(spec.Scopes) is { } unknown)
        {
            errors["scopes"] = [unknown];
        }

        if (spec.Description is { Length: > 200 })
        {
            errors["description"] = ["Description must be at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }
    }

    private static async Task EnsureNameFreeAsync(GatewayDbContext context, string name, long? exceptId, CancellationToken cancellationToken)
    {
        if (await context.Roles.AnyAsync(r => r.Name == name && r.Id != exceptId, cancellationToken))
        {
            throw TokenRules.Invalid("name", $"A role named '{name}' already exists.");
        }
    }

    private static string? Clean(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static RoleView ToView(Role role, int tokenCount) => new()
    {
        Id = role.Id,
        Name = role.Name,
        Description = role.Description,
        Scopes = role.Scopes,
        TokenCount = tokenCount,
        CreatedAt = role.CreatedAt,
        UpdatedAt = role.UpdatedAt,
    };
}
