using Gateway.Audit;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Admin API keys (<c>opt_admin_…</c>): the same format and hashing as client tokens, a different prefix,
/// so the public listener rejects them by format before any lookup. Every key belongs to a staff account: it works
/// only while that account is enabled, never with more than the account's role, and is revoked when it is deleted.
/// </summary>
public sealed class AdminKeyService(IDbContextFactory<GatewayDbContext> db, TimeProvider time, IStaffAuditLog audit)
{
    public const string Prefix = "opt_admin_";
    public static readonly TokenFormat Format = new(Prefix);

    /// <summary>Creates a key owned by the staff account <paramref name="ownerId"/>; its role may not exceed the owner's.</summary>
    public async Task<(AdminKeyView Key, string Plaintext)> CreateAsync(string name, string role, long ownerId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var owner = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == ownerId, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (!TokenSpecValidator.IsValidName(name))
        {
            errors["name"] = ["Name must be 1-50 characters of A-Z, a-z, 0-9, '-' and '_'."];
        }

        if (!StaffRoles.IsKnown(role))
        {
            errors["role"] = [$"Role must be one of: {string.Join(", ", StaffRoles.All)}."];
        }
        else if (owner is not null && role == StaffRoles.Admin && owner.Role != StaffRoles.Admin)
        {
            errors["role"] = [$"'{owner.Username}' is an {owner.Role}: their keys cannot be admin keys."];
        }

        if (owner is null || owner.DisabledAt is not null)
        {
            errors["owner"] = ["The key must belong to an enabled staff account."];
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
            OwnerId = ownerId,
            CreatedAt = StoreClock.UtcNow(time),
            CreatedBy = actor,
        };
        context.AdminApiKeys.Add(key);
        await context.SaveChangesAsync(cancellationToken);
        var created = ToView(key, owner!.Username);
        audit.Record(new StaffAction("admin_key.created", actor, $"admin_key:{created.Id}", After: created));
        return (created, plaintext);
    }

    public async Task<IReadOnlyList<AdminKeyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var keys = await WithOwners(context).OrderByDescending(k => k.Key.Id).ToListAsync(cancellationToken);
        return [.. keys.Select(k => ToView(k.Key, k.Owner))];
    }

    public async Task<AdminKeyView?> RevokeAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var key = await context.AdminApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var owner = await OwnerNameAsync(context, key.OwnerId, cancellationToken);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = StoreClock.UtcNow(time);
            key.RevokedBy = actor;
            await context.SaveChangesAsync(cancellationToken);
            audit.Record(new StaffAction("admin_key.revoked", actor, $"admin_key:{key.Id}", After: ToView(key, owner)));
        }

        return ToView(key, owner);
    }

    /// <summary>
    /// The live key with this plaintext whose owner is enabled, or null; its <see cref="AdminKeyView.Role"/> is what it
    /// may do now (never more than its owner's role). Read from the store on every request: a disabled owner, a
    /// demotion or a revocation holds on every instance at once. Stamps its last use.
    /// </summary>
    public async Task<AdminKeyView?> AuthenticateAsync(string plaintext, CancellationToken cancellationToken = default)
    {
        if (!Format.IsWellFormed(plaintext))
        {
            return null;
        }

        var hash = TokenFormat.Hash(plaintext);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var found = await context.AdminApiKeys
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Join(context.StaffAccounts.Where(s => s.DisabledAt == null), k => k.OwnerId, s => s.Id, (k, s) => new { Key = k, s.Username, s.Role })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        found.Key.LastUsedAt = StoreClock.UtcNow(time);
        await context.SaveChangesAsync(cancellationToken);
        return ToView(found.Key, found.Username) with { Role = found.Role == StaffRoles.Admin ? found.Key.Role : StaffRoles.Auditor };
    }

    private static IQueryable<KeyAndOwner> WithOwners(GatewayDbContext context) =>
        context.AdminApiKeys.AsNoTracking()
            .GroupJoin(context.StaffAccounts, k => k.OwnerId, s => s.Id, (k, owners) => new { k, owners })
            .SelectMany(x => x.owners.DefaultIfEmpty(), (x, s) => new KeyAndOwner { Key = x.k, Owner = s == null ? null : s.Username });

    private static Task<string?> OwnerNameAsync(GatewayDbContext context, long? ownerId, CancellationToken cancellationToken) =>
        context.StaffAccounts.Where(s => s.Id == ownerId).Select(s => s.Username).SingleOrDefaultAsync(cancellationToken);

    private sealed class KeyAndOwner
    {
        public required AdminApiKey Key { get; init; }

        public string? Owner { get; init; }
    }

    private static AdminKeyView ToView(AdminApiKey key, string? owner) => new()
    {
        Owner = owner,
        OwnerId = key.OwnerId,
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
