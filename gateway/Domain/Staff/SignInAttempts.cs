using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// The per-account lockout, shared by both sign-in steps: a password and a second-factor code (TOTP or recovery code)
/// count against the same <see cref="StaffService.MaxFailedSignIns"/> attempts. Each attempt is counted in the store
/// before it is checked, with one atomic update, so parallel guesses on any number of instances cannot get more.
/// </summary>
internal static class SignInAttempts
{
    /// <summary>
    /// Counts one attempt unless the account is locked. A lock that has run out starts the count again. The count only
    /// grows until a completed sign-in or a reset clears it (never when a lock is set), so the value read back is at
    /// least this attempt's own. Returns false when the attempt may not be checked (locked, or over the limit).
    /// </summary>
    public static async Task<bool> TryCountAsync(GatewayDbContext context, long id, DateTime now, CancellationToken cancellationToken)
    {
        var counted = await context.StaffAccounts
            .Where(s => s.Id == id && (s.LockedUntil == null || s.LockedUntil <= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.FailedSignIns, s => s.LockedUntil != null ? 1 : s.FailedSignIns + 1)
                    .SetProperty(s => s.LockedUntil, (DateTime?)null),
                cancellationToken);
        return counted > 0 && await AttemptsAsync(context, id, cancellationToken) <= StaffService.MaxFailedSignIns;
    }

    /// <summary>After a wrong password or code: locks the account when this was the last attempt allowed.</summary>
    public static async Task<SignInResult> FailedAsync(GatewayDbContext context, long id, DateTime now, CancellationToken cancellationToken) =>
        await AttemptsAsync(context, id, cancellationToken) >= StaffService.MaxFailedSignIns
            ? await LockAsync(context, id, now, cancellationToken)
            : new SignInResult(SignInOutcome.Invalid);

    public static async Task<SignInResult> LockAsync(GatewayDbContext context, long id, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + StaffService.LockoutDuration;
        await context.StaffAccounts
            .Where(s => s.Id == id && (s.LockedUntil == null || s.LockedUntil <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LockedUntil, until), cancellationToken);
        var lockedUntil = await context.StaffAccounts.Where(s => s.Id == id).Select(s => s.LockedUntil).SingleAsync(cancellationToken);
        return new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
    }

    /// <summary>A completed sign-in: the count starts again.</summary>
    public static Task SucceededAsync(GatewayDbContext context, long id, DateTime now, CancellationToken cancellationToken) =>
        context.StaffAccounts.Where(s => s.Id == id).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.FailedSignIns, 0).SetProperty(s => s.LastSignInAt, now),
            cancellationToken);

    private static Task<int> AttemptsAsync(GatewayDbContext context, long id, CancellationToken cancellationToken) =>
        context.StaffAccounts.Where(s => s.Id == id).Select(s => s.FailedSignIns).SingleAsync(cancellationToken);
}
