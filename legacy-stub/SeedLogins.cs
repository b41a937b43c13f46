using LegacyStub.Generation;

namespace LegacyStub;

/// <summary>The e-mail and password of every seeded client, by client id ascending.</summary>
public static class SeedLogins
{
    public static IReadOnlyList<SeedLogin> All { get; } =
    [
        .. SeedCatalog.Clients
            .OrderBy(seed => seed.Profile.Id)
            .Select(seed => new SeedLogin(seed.Profile.Id, seed.Profile.Email, seed.Password)),
    ];

    /// <summary>The login of one seeded client.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No seeded client has that id.</exception>
    public static SeedLogin ForClient(long clientId) =>
        All.FirstOrDefault(login => login.ClientId == clientId)
        ?? throw new ArgumentOutOfRangeException(nameof(clientId), clientId, "No seeded client has this id.");
}
