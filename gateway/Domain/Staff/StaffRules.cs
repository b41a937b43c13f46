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

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,50}$")]
    private static partial Regex UsernamePattern();
}
