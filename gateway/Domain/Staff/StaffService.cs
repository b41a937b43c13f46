using System.Security.Cryptography;
using Gateway.Data;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Staff accounts: passwords hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>, lockout after
/// <see cref="MaxFailedSignIns"/> failures for <see cref="LockoutDuration"/>. The admin UI, admin API and
/// CLI all go through here.
/// </summary>
public sealed class StaffService(IDbContextFactory<GatewayDbContext> db, SessionStore sessions, TimeProvider time)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    private DateTime UtcNow => StoreClock.UtcNow(time);

    public async Task<StaffView> CreateAsync(string username, string password, string role, CancellationToken cancellationToken = default)
    {
        Validate(username, password, role);
        username = Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (await context.StaffAccounts.AnyAsync(s => s.Username == username, cancellationToken))
        {
            throw TokenRules.Invalid("username", $"A staff account named '{username}' already exists.");
        }

        var now = UtcNow;
        var account = new StaffAccount
        {
            Username = username,
            PasswordHash = "",
            Role = role,
            SecurityStamp = NewStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        context.StaffAccounts.Add(account);
        await context.SaveChangesAsync(cancellationToken);
        return ToView(account);
    }

    /// <summary>Sets a new password, lifts any lockout and ends every existing sign-in of the account.</summary>
    public async Task<StaffView?> ResetPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        var name = Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Username == name, cancellationToken);
        if (account is null)
        {
            return null;
        }

        account.PasswordHash = Hasher.HashPassword(account, password);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.SecurityStamp = NewStamp();
        account.UpdatedAt = UtcNow;
        await context.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionSubject.Staff(account.Id), SessionEndReasons.PasswordReset, cancellationToken);
        return ToView(account);
    }

    /// <summary>
    /// Checks a password. Each attempt is counted in the store before the password is checked, with one
    /// atomic update, so parallel guesses cannot get more than <see cref="MaxFailedSignIns"/> checks per
    /// lockout. A lockout blocks new sign-ins only: sessions already open stay open, so nobody can keep an
    /// admin out by failing on purpose.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var name = Normalize(username);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Username == name, cancellationToken);
        if (account is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInResult(SignInOutcome.Invalid);
        }

        var now = UtcNow;
        // Count this attempt first, atomically, unless the account is locked. A lock that has run out starts the
        // count again. The count only grows until a success or a password reset clears it (never when a lock is
        // set), so the value read back below is at least this attempt's own: however many guesses run in parallel,
        // on whichever instance, only the first MaxFailedSignIns of them reach the password check.
        var counted = await context.StaffAccounts
            .Where(s => s.Id == account.Id && (s.LockedUntil == null || s.LockedUntil <= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.FailedSignIns, s => s.LockedUntil != null ? 1 : s.FailedSignIns + 1)
                    .SetProperty(s => s.LockedUntil, (DateTime?)null),
                cancellationToken);
        var attempts = await context.StaffAccounts.Where(s => s.Id == account.Id).Select(s => s.FailedSignIns).SingleAsync(cancellationToken);
        if (counted == 0 || attempts > MaxFailedSignIns)
        {
            // Locked: the same work as a real check, so timing tells nothing either.
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return await LockAsync(context, account.Id, now, cancellationToken);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return attempts >= MaxFailedSignIns
                ? await LockAsync(context, account.Id, now, cancellationToken)
                : new SignInResult(SignInOutcome.Invalid);
        }

        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : account.PasswordHash;
        await context.StaffAccounts.Where(s => s.Id == account.Id).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.FailedSignIns, 0).SetProperty(s => s.LastSignInAt, now).SetProperty(s => s.PasswordHash, hash),
            cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, ToView(account));
    }

    private static async Task<SignInResult> LockAsync(GatewayDbContext context, long id, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + LockoutDuration;
        await context.StaffAccounts
            .Where(s => s.Id == id && (s.LockedUntil == null || s.LockedUntil <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LockedUntil, until), cancellationToken);
        var lockedUntil = await context.StaffAccounts.Where(s => s.Id == id).Select(s => s.LockedUntil).SingleAsync(cancellationToken);
        return new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
    }

    public async Task<StaffView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return account is null ? null : ToView(account);
    }

    public async Task<IReadOnlyList<StaffView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var accounts = await context.StaffAccounts.AsNoTracking().OrderBy(s => s.Username).ToListAsync(cancellationToken);
        return [.. accounts.Select(ToView)];
    }

    private static void Validate(string username, string password, string role)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TokenSpecValidator.IsValidName(username))
        {
            errors["username"] = ["Username must be 1-50 characters of A-Z, a-z, 0-9, '-' and '_'."];
        }

        if (!StaffRoles.IsKnown(role))
        {
            errors["role"] = [$"Role must be one of: {string.Join(", ", StaffRoles.All)}."];
        }

        if (PasswordProblem(password) is { } problem)
        {
            errors["password"] = [problem];
        }

        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }
    }

    private static void ValidatePassword(string password)
    {
        if (PasswordProblem(password) is { } problem)
        {
            throw TokenRules.Invalid("password", problem);
        }
    }

    private static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength
            ? $"Password must be at least {MinPasswordLength} characters."
            : password.Length > 256 ? "Password must be at most 256 characters." : null;

    // Usernames are case-insensitive: "Alice" and "alice" are one account.
    private static string Normalize(string? username) => (username ?? "").Trim().ToLowerInvariant();

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static StaffView ToView(StaffAccount account) => new()
    {
        Id = account.Id,
        Username = account.Username,
        Role = account.Role,
        SecurityStamp = account.SecurityStamp,
        LockedUntil = account.LockedUntil,
        CreatedAt = account.CreatedAt,
        LastSignInAt = account.LastSignInAt,
    };
}
