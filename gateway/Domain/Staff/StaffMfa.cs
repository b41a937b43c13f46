using Gateway.Audit;
using Gateway.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Gateway.Staff;

/// <summary>
/// The second sign-in step: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way) through Otp.NET,
/// or a one-time recovery code. The secret is sealed with the data-protection key ring. A code is accepted once: the
/// time step it matched is recorded with one conditional update, so the same code (or an older one) replayed within
/// its window, on any instance, is refused. Every code counts against the account's lockout, like a password.
/// </summary>
public sealed class StaffMfa(IDbContextFactory<GatewayDbContext> db, IDataProtectionProvider protection, IStaffAuditLog audit, TimeProvider time)
{
    public const string Issuer = "Token gateway";
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);
    private readonly IDataProtector _protector = protection.CreateProtector("Gateway.Staff.TotpSecret.v1");

    /// <summary>
    /// The authenticator secret to enrol (made now, or the one being enrolled already, so a reload shows the same), or
    /// null when the sign-in is stale or the account has an authenticator already.
    /// </summary>
    public async Task<MfaEnrolment?> BeginEnrolmentAsync(long id, string stamp, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (account is null || account.SecurityStamp != stamp || account.DisabledAt is not null || account.MfaEnabledAt is not null)
        {
            return null;
        }

        if (account.TotpSecret is null)
        {
            account.TotpSecret = _protector.Protect(Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)));
            await context.SaveChangesAsync(cancellationToken);
        }

        var secret = _protector.Unprotect(account.TotpSecret);
        var label = Uri.EscapeDataString($"{Issuer}:{account.Username}");
        return new MfaEnrolment(account.Username, secret, $"otpauth://totp/{label}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30");
    }

    /// <summary>Confirms the authenticator with its first code; on success the account is signed in and gets its recovery codes (shown once).</summary>
    public async Task<(SignInResult Result, IReadOnlyList<string> RecoveryCodes)> ConfirmEnrolmentAsync(long id, string stamp, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return await CheckAsync(id, stamp, enrolling: true, async (context, account, now) =>
        {
            if (account.TotpSecret is null || !TryMatch(account.TotpSecret, code, out var step))
            {
                return null;
            }

            var confirmed = await context.StaffAccounts
                .Where(s => s.Id == id && s.SecurityStamp == stamp && s.MfaEnabledAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.MfaEnabledAt, now).SetProperty(s => s.TotpLastTimeStep, step), cancellationToken);
            if (confirmed == 0)
            {
                return null;
            }

            var codes = RecoveryCodes.Generate();
            context.Set<StaffRecoveryCode>().AddRange(codes.Select(c => new StaffRecoveryCode { StaffId = id, CodeHash = RecoveryCodes.Hash(c), CreatedAt = now }));
            await context.SaveChangesAsync(cancellationToken);
            audit.Record(new StaffAction("staff.mfa_enrolled", $"staff:{account.Username}", $"staff:{account.Username}"));
            return codes;
        }, cancellationToken);
    }

    /// <summary>Checks a TOTP or recovery code for a sign-in whose password was right.</summary>
    public async Task<SignInResult> VerifyAsync(long id, string stamp, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var (result, _) = await CheckAsync(id, stamp, enrolling: false, async (context, account, now) =>
        {
            if (account.MfaEnabledAt is null || account.TotpSecret is null)
            {
                return null;
            }

            if (RecoveryCodes.LooksLikeOne(code))
            {
                var hash = RecoveryCodes.Hash(code);
                var spent = await context.Set<StaffRecoveryCode>()
                    .Where(c => c.StaffId == id && c.CodeHash == hash && c.UsedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken);
                if (spent == 0)
                {
                    return null;
                }

                var left = await context.Set<StaffRecoveryCode>().CountAsync(c => c.StaffId == id && c.UsedAt == null, cancellationToken);
                audit.Record(new StaffAction("staff.recovery_code_used", $"staff:{account.Username}", $"staff:{account.Username}", After: new { RecoveryCodesLeft = left }));
                return [];
            }

            if (!TryMatch(account.TotpSecret, code, out var step))
            {
                return null;
            }

            // Accepted only if no code of this time step (or a later one) was accepted before.
            var fresh = await context.StaffAccounts
                .Where(s => s.Id == id && s.TotpLastTimeStep < step)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.TotpLastTimeStep, step), cancellationToken);
            if (fresh == 0)
            {
                audit.Record(new StaffAction("staff.sign_in", $"staff:{account.Username}", Target: null, Outcome: "mfa_replayed"));
            }

            return fresh == 0 ? null : [];
        }, cancellationToken);
        return result;
    }

    /// <summary>How many unused recovery codes the account has left.</summary>
    public async Task<int> RecoveryCodesLeftAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Set<StaffRecoveryCode>().CountAsync(c => c.StaffId == id && c.UsedAt == null, cancellationToken);
    }

    /// <summary>
    /// One counted attempt: refused unless the sign-in is current (same stamp, enabled) and the account not locked;
    /// <paramref name="check"/> returns null for a wrong code. Success clears the count and completes the sign-in.
    /// </summary>
    private async Task<(SignInResult, IReadOnlyList<string>)> CheckAsync(
        long id, string stamp, bool enrolling, Func<GatewayDbContext, StaffAccount, DateTime, Task<IReadOnlyList<string>?>> check, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (account is null || account.SecurityStamp != stamp || account.DisabledAt is not null || (account.MfaEnabledAt is null) != enrolling)
        {
            return (new SignInResult(SignInOutcome.Invalid), []);
        }

        var actor = $"staff:{account.Username}";
        var now = StoreClock.UtcNow(time);
        if (!await SignInAttempts.TryCountAsync(context, id, now, cancellationToken))
        {
            return (Audited(actor, await SignInAttempts.LockAsync(context, id, now, cancellationToken), "locked_out"), []);
        }

        var codes = await check(context, account, now);
        if (codes is null)
        {
            var failed = await SignInAttempts.FailedAsync(context, id, now, cancellationToken);
            return (Audited(actor, failed, failed.Outcome == SignInOutcome.LockedOut ? "locked_out" : "mfa_failed"), []);
        }

        await SignInAttempts.SucceededAsync(context, id, now, cancellationToken);
        var signedIn = new SignInResult(SignInOutcome.Succeeded, StaffService.ToView(account, now) with { MfaEnrolled = true, LastSignInAt = now }, Stamp: stamp);
        return (Audited(actor, signedIn, "succeeded"), codes);
    }

    private bool TryMatch(string sealedSecret, string code, out long step)
    {
        step = 0;
        var digits = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(_protector.Unprotect(sealedSecret)));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out step, Drift);
    }

    private SignInResult Audited(string actor, SignInResult result, string outcome)
    {
        audit.Record(new StaffAction("staff.sign_in", actor, Target: null, Outcome: outcome));
        return result;
    }
}
