using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Staff;

/// <summary>Rules every change to staff accounts follows, whoever makes it: names, passwords, and "there is always an admin".</summary>
internal static partial class StaffRules
{
    public const int MinPasswordLength = 12;

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    public static string? UsernameProblem(string? username) =>
        IsValidUsername(username) ? null : "Username must be 1-50 characters of A-Z, a-z, 0-9, '-', '_' and '.'.";

    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength
            ? $"Password must be at least {MinPasswordLength} characters."
            : password.Length > 256 ? "Password must be at most 256 characters." : null;

    public static string? RoleProblem(string? role) =>
        StaffRoles.IsKnown(role) ? null : $"Role must be one of: {string.Join(", ", StaffRoles.All)}.";

    // Usernames are case-insensitive: "Alice" and "alice" are one account.
    public static string Normalize(string? username) => (username ?? "").Trim().ToLowerInvariant();

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Runs a change that could leave no enabled admin (disable, delete, demote) so that it cannot: in a serializable
    /// transaction, retried when the store reports a conflict. On PostgreSQL two admins disabling each other at once
    /// is a write skew that SERIALIZABLE detects (one of them fails with 40001 and, retried, sees the other's change);
    /// SQLite takes the write lock at BEGIN, so such changes run one after the other.
    /// </summary>
    public static async Task<T> SerializableAsync<T>(IDbContextFactory<GatewayDbContext> db, Func<GatewayDbContext, Task<T>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await context.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var result = await change(context);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (attempt < 10 && IsConflict(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>Refuses when <paramref name="account"/> is the last enabled admin.</summary>
    public static async Task EnsureNotLastAdminAsync(GatewayDbContext context, StaffAccount account, string doing, CancellationToken cancellationToken)
    {
        if (account.Role != StaffRoles.Admin || account.DisabledAt is not null)
        {
            return;
        }

        var others = await context.StaffAccounts.CountAsync(s => s.Id != account.Id && s.Role == StaffRoles.Admin && s.DisabledAt == null, cancellationToken);
        if (others == 0)
        {
            throw TokenRules.Invalid("username", $"'{account.Username}' is the last enabled admin and cannot be {doing}: make another account admin first.");
        }
    }

    // 40001 serialization_failure, 40P01 deadlock_detected (PostgreSQL).
    private static bool IsConflict(Exception ex) =>
        ex.GetBaseException() is DbException { SqlState: "40001" or "40P01" };

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,50}$")]
    private static partial Regex UsernamePattern();
}
