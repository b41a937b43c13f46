using LegacyStub.Provider;

namespace LegacyStub.Tests.Provider;

/// <summary>A relying party the tests play: its registration and its credentials.</summary>
public sealed record RelyingParty(string ClientId, string Secret, Uri RedirectUri, Uri PostLogoutRedirectUri)
{
    public OidcClientRegistration Registration => new()
    {
        ClientId = ClientId,
        ClientSecret = Secret,
        RedirectUris = [RedirectUri],
        PostLogoutRedirectUris = [PostLogoutRedirectUri],
    };
}
