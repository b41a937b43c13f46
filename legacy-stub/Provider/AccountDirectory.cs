using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace LegacyStub.Provider;

/// <summary>
/// The clients who can sign in: looked up by e-mail (case-insensitive) or by subject. Passwords are hashed
/// with <see cref="PasswordHasher{TUser}"/> when the directory is built; the plain text is dropped there.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly PasswordHasher<ClientAccount> _hasher = new();
    private readonly Dictionary<string, ClientAccount> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, ClientAccount> _byId = [];

    // Checked when the e-mail is unknown, so a wrong address costs the same time as a wrong password.
    private readonly ClientAccount _decoy;

    public AccountDirectory(BillingData data, IEnumerable<SeedLogin> logins)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(logins);

        foreach (var login in logins)
        {
            var profile = (data.ForClient(login.ClientId)
                ?? throw new ArgumentException($"Login for unknown client {login.ClientId}.", nameof(logins))).Profile;
            var account = new ClientAccount(profile.Id, login.Email, profile.Firstname, profile.Lastname, PasswordHash: "");
            account = account with { PasswordHash = _hasher.HashPassword(account, login.Password) };
            _byEmail.Add(account.Email, account);
            _byId.Add(account.ClientId, account);
        }

        var decoy = new ClientAccount(0, "", "", "", "");
        _decoy = decoy with { PasswordHash = _hasher.HashPassword(decoy, Guid.NewGuid().ToString()) };
    }

    /// <summary>The account whose e-mail and password these are; null for an unknown e-mail or a wrong password alike.</summary>
    public ClientAccount? Verify(string? email, string? password)
    {
        var account = string.IsNullOrWhiteSpace(email) ? null : _byEmail.GetValueOrDefault(email.Trim());
        var result = _hasher.VerifyHashedPassword(account ?? _decoy, (account ?? _decoy).PasswordHash, password ?? "");
        return account is not null && result != PasswordVerificationResult.Failed ? account : null;
    }

    /// <summary>The account a token or session names by its <c>sub</c>; null when no such client can sign in.</summary>
    public ClientAccount? FindBySubject(string? subject) =>
        long.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? _byId.GetValueOrDefault(id) : null;
}
