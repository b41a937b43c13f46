using Gateway.Audit;
using Gateway.Data;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Staff accounts and their lifecycle: create, reset password or MFA, disable, enable, change role, delete. The admin UI,
/// admin API and CLI all go through here, so every change is audited with its actor and ends the account's sessions
/// where it must; there is always at least one enabled admin. Signing in is <see cref="StaffSignIn"/>.
/// </summary>
public sealed class StaffService(IDbContextFactory<GatewayDbContext> db, SessionStore sessions, IStaffAuditLog audit, TimeProvider time)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = StaffRules.MinPasswordLength;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    internal static readonly PasswordHasher<StaffAccount> Hasher = new();

    private DateTime UtcNow => StoreClock.UtcNow(time);

    public async Task<StaffView> CreateAsync(string username, string password, string role, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = new Dictionary<string, string[]>();
        AddProblem(errors, "username", StaffRules.UsernameProblem(username?.Trim()));
        AddProblem(errors, "role", StaffRules.RoleProblem(role));
        AddProblem(errors, "password", StaffRules.PasswordProblem(password));
        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }

        var name = StaffRules.Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (await context.StaffAccounts.AnyAsync(s => s.Username == name, cancellationToken))
        {
            throw TokenRules.Invalid("username", $"A staff account named '{name}' already exists.");
        }

        var now = UtcNow;
        var account = new StaffAccount { Username = name, PasswordHash = "", Role = role, SecurityStamp = StaffRules.NewStamp(), CreatedAt = now, UpdatedAt = now };
        account.PasswordHash = Hasher.HashPassword(account, password);
        context.StaffAccounts.Add(account);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer took the name between the check and the insert (the unique index said no).
            if (await NameTakenAsync(name, cancellationToken))
            {
                throw TokenRules.Invalid("username", $"A staff account named '{name}' already exists.");
            }

            throw;
        }

        return Audited("staff.created", actor, null, ToView(account, now));
    }

    /// <summary>Sets a new password, lifts any lockout and ends every session of the account.</summary>
    public async Task<StaffView?> ResetPasswordAsync(long id, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (StaffRules.PasswordProblem(password) is { } problem)
        {
            throw TokenRules.Invalid("password", problem);
        }

        return await ChangeAsync(id, "staff.password_reset", actor, SessionEndReasons.PasswordReset, account =>
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Forgets the authenticator and recovery codes; the next sign-in enrols a new one if MFA is required.</summary>
    public Task<StaffView?> ResetMfaAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        GuardedChangeAsync(id, "staff.mfa_reset", actor, SessionEndReasons.MfaReset, doing: null, async (context, account) =>
        {
            account.TotpSecret = null;
            account.MfaEnabledAt = null;
            account.TotpLastTimeStep = 0;
            await context.Set<StaffRecoveryCode>().Where(c => c.StaffId == account.Id).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Stops the account signing in; its sessions end and its admin API keys stop working (until enabled).</summary>
    public Task<StaffView?> DisableAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        GuardedChangeAsync(id, "staff.disabled", actor, SessionEndReasons.Disabled, "disabled", (_, account) =>
        {
            account.DisabledAt ??= UtcNow;
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<StaffView?> EnableAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "staff.enabled", actor, endReason: null, account =>
        {
            account.DisabledAt = null;
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Gives the account another role; its sessions end (the next sign-in carries the new role).</summary>
    public Task<StaffView?> ChangeRoleAsync(long id, string role, string actor, CancellationToken cancellationToken = default)
    {
        if (StaffRules.RoleProblem(role) is { } problem)
        {
            throw TokenRules.Invalid("role", problem);
        }

        return GuardedChangeAsync(id, "staff.role_changed", actor, SessionEndReasons.RoleChanged, "demoted", (_, account) =>
        {
            account.Role = role;
            return Task.CompletedTask;
        }, cancellationToken, guard: account => role != StaffRoles.Admin && account.Role == StaffRoles.Admin);
    }

    /// <summary>Deletes the account: its sessions end and its admin API keys are revoked (kept, ownerless, for the record).</summary>
    public async Task<StaffView?> DeleteAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var deleted = await StoreTransactions.SerializableAsync(db, async context =>
        {
            var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (account is null)
            {
                return null;
            }

            await StaffRules.EnsureNotLastAdminAsync(context, account, "deleted", cancellationToken);
            var now = UtcNow;
            await context.AdminApiKeys.Where(k => k.OwnerId == id && k.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedBy, actor), cancellationToken);
            var view = ToView(account, now);
            context.StaffAccounts.Remove(account);
            await context.SaveChangesAsync(cancellationToken);
            return view;
        }, cancellationToken);
        if (deleted is null)
        {
            return null;
        }

        await sessions.EndAllAsync(SessionSubject.Staff(id), SessionEndReasons.Deleted, cancellationToken);
        return Audited("staff.deleted", actor, deleted, null);
    }

    public async Task<StaffView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return account is null ? null : ToView(account, UtcNow);
    }

    /// <summary>The account with this username (case-insensitive), or null.</summary>
    public async Task<StaffView?> FindAsync(string? username, CancellationToken cancellationToken = default)
    {
        var name = StaffRules.Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Username == name, cancellationToken);
        return account is null ? null : ToView(account, UtcNow);
    }

    public async Task<IReadOnlyList<StaffView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var accounts = await context.StaffAccounts.AsNoTracking().OrderBy(s => s.Username).ToListAsync(cancellationToken);
        var now = UtcNow;
        return [.. accounts.Select(a => ToView(a, now))];
    }

    internal static StaffView ToView(StaffAccount account, DateTime now) => new()
    {
        Id = account.Id,
        Username = account.Username,
        Role = account.Role,
        Status = account.DisabledAt is not null ? "disabled" : account.LockedUntil > now ? "locked" : "active",
        LockedUntil = account.LockedUntil > now ? account.LockedUntil : null,
        DisabledAt = account.DisabledAt,
        MfaEnrolled = account.MfaEnabledAt is not null,
        CreatedAt = account.CreatedAt,
        LastSignInAt = account.LastSignInAt,
    };

    private Task<StaffView?> ChangeAsync(long id, string action, string actor, string? endReason, Func<StaffAccount, Task> change, CancellationToken cancellationToken) =>
        GuardedChangeAsync(id, action, actor, endReason, doing: null, (_, account) => change(account), cancellationToken);

    /// <summary>
    /// One change to one account: applied with a new security stamp (a sign-in half-way through its second factor stops),
    /// its sessions ended when <paramref name="endReason"/> says so, and audited with before and after. When
    /// <paramref name="doing"/> is given, the change may not leave the store without an enabled admin.
    /// </summary>
    private async Task<StaffView?> GuardedChangeAsync(
        long id,
        string action,
        string actor,
        string? endReason,
        string? doing,
        Func<GatewayDbContext, StaffAccount, Task> change,
        CancellationToken cancellationToken,
        Func<StaffAccount, bool>? guard = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var result = await StoreTransactions.SerializableAsync(db, async context =>
        {
            var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (account is null)
            {
                return ((StaffView, StaffView)?)null;
            }

            var now = UtcNow;
            var before = ToView(account, now);
            if (doing is not null && (guard?.Invoke(account) ?? true))
            {
                await StaffRules.EnsureNotLastAdminAsync(context, account, doing, cancellationToken);
            }

            await change(context, account);
            account.SecurityStamp = StaffRules.NewStamp();
            account.UpdatedAt = now;
            await context.SaveChangesAsync(cancellationToken);
            return (before, ToView(account, now));
        }, cancellationToken);
        if (result is not { } changed)
        {
            return null;
        }

        // After the commit: a sign-in that read the account before it finds its new session ended here, or is refused
        // by its own check of the stamp (StaffSignIn.IsCurrentAsync).
        if (endReason is not null)
        {
            await sessions.EndAllAsync(SessionSubject.Staff(id), endReason, cancellationToken);
        }

        return Audited(action, actor, changed.Item1, changed.Item2);
    }

    private StaffView Audited(string action, string actor, StaffView? before, StaffView? after)
    {
        var subject = after ?? before!;
        audit.Record(new StaffAction(action, actor, $"staff:{subject.Username}", Before: before, After: after));
        return subject;
    }

    private async Task<bool> NameTakenAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.StaffAccounts.AnyAsync(s => s.Username == name, cancellationToken);
    }

    private static void AddProblem(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }
}
