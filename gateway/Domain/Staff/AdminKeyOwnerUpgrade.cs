using Gateway.Audit;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Gives every live admin API key made before keys had owners an owner: the staff account that created it (its
/// <c>CreatedBy</c> is <c>staff:&lt;name&gt;</c> and that account is enabled, with a role that allows the key's), else
/// the oldest enabled admin. With no enabled admin at all the key is revoked, since no one could answer for it. Each
/// decision is an audit event by <c>gateway</c>, so operators can review (and revoke) what was assigned.
/// </summary>
internal sealed class AdminKeyOwnerUpgrade(IDbContextFactory<GatewayDbContext> db, IStaffAuditLog audit, TimeProvider time) : IStoreUpgrade
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var ownerless = await context.AdminApiKeys.Where(k => k.OwnerId == null && k.RevokedAt == null).OrderBy(k => k.Id).ToListAsync(cancellationToken);
        if (ownerless.Count == 0)
        {
            return;
        }

        var enabled = await context.StaffAccounts.AsNoTracking().Where(s => s.DisabledAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var oldestAdmin = enabled.FirstOrDefault(s => s.Role == StaffRoles.Admin);
        var now = StoreClock.UtcNow(time);
        foreach (var key in ownerless)
        {
            var creator = key.CreatedBy.StartsWith("staff:", StringComparison.Ordinal)
                ? enabled.FirstOrDefault(s => s.Username == key.CreatedBy["staff:".Length..] && (s.Role == StaffRoles.Admin || key.Role == StaffRoles.Auditor))
                : null;
            var owner = creator ?? oldestAdmin;
            if (owner is null)
            {
                key.RevokedAt = now;
                key.RevokedBy = "gateway";
            }
            else
            {
                key.OwnerId = owner.Id;
            }

            audit.Record(new StaffAction(
                owner is null ? "admin_key.revoked" : "admin_key.owner_assigned",
                "gateway",
                $"admin_key:{key.Id}",
                After: new { key.Id, key.Name, key.Role, Owner = owner?.Username, Why = owner is null ? "no enabled admin to own it" : creator is null ? "oldest enabled admin" : "its creator" }));
        }

        await context.SaveChangesAsync(cancellationToken);
    }
}
