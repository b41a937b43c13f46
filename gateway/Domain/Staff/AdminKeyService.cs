using Gateway.Audit;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Admin API keys (<c>opt_admin_…</c>): the same format and hashing as client tokens, a different prefix,
/// so the public listener rejects them by format before any lookup.
/// </summary>
public sealed class AdminKeyService(IDbContextFactory<GatewayDbContext> db, TimeProvider time, IStaffAuditLog audit)
{
    public const string Prefix = "opt_admin_";
    public static readonly TokenFormat Format = new(Prefix);

    public async Task<(AdminKeyView Key, string Plaintext)> CreateAsync(string name, string role, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = new Dictionary<string, string[]>();
        if (!TokenSpecValidator.IsValidName(name))
        {
            errors["name"] = ["Name must be 1-50 characters of A-Z, a-z, 0-9, '-' and '_'."];
        }

        if (!StaffRoles.IsKnown(role))
        {
            errors["role"] = [$"Role must be one of: {string.Join(", ", StaffRoles.All)}."];
        }

        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }

        var plaintext = Format.Generate();
        var key = new AdminApiKey
        {
            Name = name,
            KeyHash = TokenFormat.Hash(plaintext),
            Hint = Format.Hint(plaintext),
            Role = role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor,
        };
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        context.AdminApiKeys.Add(key);
        await context.SaveChangesAsync(cancellationToken);
        var created = ToView(key);
        audit.Record(new StaffAction("admin_key.created", actor, $"admin_key:{created.Id}", After: created));
        return (created, plaintext);
    }

    public async Task<IReadOnlyList<AdminKeyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var keys = await context.AdminApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        return [.. keys.Select(ToView)];
    }

    public async Task<AdminKeyView?> RevokeAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var key = await context.AdminApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return null;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = StoreClock.UtcNow(time);
            key.RevokedBy = actor;
            await context.SaveChangesAsync(cancellationToken);
            audit.Record(new StaffAction("admin_key.revoked", actor, $"admin_key:{key.Id}", After: ToView(key)));
        }

        return ToView(key);
    }

    /// <summary>The live key with this plaintext, or null. Stamps its last use.</summary>
    public async Task<AdminKeyView?> AuthenticateAsync(string plaintext, CancellationToken cancellationToken = default)
    {
        if (!Format.IsWellFormed(plaintext))
        {
            return null;
        }

        var hash = TokenFormat.Hash(plaintext);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var key = await context.AdminApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return null;
        }

        key.LastUsedAt = StoreClock.UtcNow(time);
        await context.SaveChangesAsync(cancellationToken);
        return ToView(key);
    }

    private static AdminKeyView ToView(AdminApiKey key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Hint = key.Hint,
        Role = key.Role,
        CreatedAt = key.CreatedAt,
        CreatedBy = key.CreatedBy,
        RevokedAt = key.RevokedAt,
        LastUsedAt = key.LastUsedAt,
    };
}
