using Gateway.Audit;
using Gateway.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Staff;

/// <summary>
/// The password step of a staff sign-in, counted against the lockout (<see cref="SignInAttempts"/>). Wrong name, wrong
/// password, disabled and locked accounts get the same outcome and cost the same time. A failed attempt is audited under
/// the account's name only when that name exists (people type passwords into the username box). When a second factor is
/// due, the lockout count is not cleared until it is given (<see cref="StaffMfa"/>), so guesses at codes count too.
/// </summary>
public sealed class StaffSignIn(IDbContextFactory<GatewayDbContext> db, IOptions<StaffOptions> options, IStaffAuditLog audit, TimeProvider time)
{
    /// <summary>The actor of a failed sign-in whose username names no account.</summary>
    public const string UnknownActor = "staff:(unknown)";

    // Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = StaffService.Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var name = StaffRules.Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Username == name, cancellationToken);
        if (account is null)
        {
            StaffService.Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return Audited(UnknownActor, new SignInResult(SignInOutcome.Invalid));
        }

        var actor = $"staff:{account.Username}";
        var now = StoreClock.UtcNow(time);
        if (!await SignInAttempts.TryCountAsync(context, account.Id, now, cancellationToken))
        {
            // Locked: the same work as a real check, so timing tells nothing either.
            StaffService.Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return Audited(actor, await SignInAttempts.LockAsync(context, account.Id, now, cancellationToken));
        }

        var verdict = StaffService.Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed || account.DisabledAt is not null)
        {
            var failed = await SignInAttempts.FailedAsync(context, account.Id, now, cancellationToken);
            return Audited(actor, failed, account.DisabledAt is not null && failed.Outcome == SignInOutcome.Invalid ? "disabled" : null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = StaffService.Hasher.HashPassword(account, password);
            await context.StaffAccounts.Where(s => s.Id == account.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.PasswordHash, rehashed), cancellationToken);
        }

        var next = account.MfaEnabledAt is not null ? SecondFactor.Code
            : options.Value.RequiresMfa(account.Role) ? SecondFactor.Enrol
            : SecondFactor.None;
        if (next == SecondFactor.None)
        {
            await SignInAttempts.SucceededAsync(context, account.Id, now, cancellationToken);
        }

        var view = StaffService.ToView(account, now);
        return Audited(actor, new SignInResult(SignInOutcome.Succeeded, view, Next: next, Stamp: account.SecurityStamp));
    }

    /// <summary>
    /// True while the account still is as it was when <paramref name="stamp"/> was read (enabled, same password, MFA and
    /// role). A sign-in checks this after its session exists: a change that raced it has then either ended that session
    /// or changed the stamp.
    /// </summary>
    public async Task<bool> IsCurrentAsync(long id, string? stamp, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return stamp is not null && await context.StaffAccounts.AnyAsync(s => s.Id == id && s.SecurityStamp == stamp && s.DisabledAt == null, cancellationToken);
    }

    private SignInResult Audited(string actor, SignInResult result, string? why = null)
    {
        var outcome = result.Outcome switch
        {
            SignInOutcome.Succeeded when result.Next == SecondFactor.Code => "mfa_required",
            SignInOutcome.Succeeded when result.Next == SecondFactor.Enrol => "mfa_enrolment_required",
            SignInOutcome.Succeeded => "succeeded",
            SignInOutcome.LockedOut => "locked_out",
            _ => why ?? "failed",
        };
        audit.Record(new StaffAction("staff.sign_in", actor, Target: null, Outcome: outcome));
        return result;
    }
}
