using System.Security.Cryptography;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>
/// Staff accounts: passwords hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>, lockout after
/// <see cref="MaxFailedSignIns"/> failures for <see cref="LockoutDuration"/>. The admin UI, admin API and
/// CLI all go through here.
/// </summary>
public sealed class StaffService(IDbContextFactory<GatewayDbContext> db, TimeProvider time)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public async Task<StaffView> CreateAsync(string username, string password, string role, CancellationToken cancellationToken = default)
    {
        Validate(username, password, role);
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
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Username == username, cancellationToken);
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
        return ToView(account);
    }

    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var account = await context.StaffAccounts.SingleOrDefaultAsync(s => s.Username == username, cancellationToken);
        if (account is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInResult(SignInOutcome.Invalid);
        }

        var now = UtcNow;
        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= MaxFailedSignIns)
            {
                account.FailedSignIns = 0;
                account.LockedUntil = now + LockoutDuration;
                account.SecurityStamp = NewStamp();
            }

            await context.SaveChangesAsync(cancellationToken);
            return account.LockedUntil is { } locked && locked > now
                ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: locked)
                : new SignInResult(SignInOutcome.Invalid);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        await context.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, ToView(account));
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
