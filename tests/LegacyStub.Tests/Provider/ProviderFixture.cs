using LegacyStub.Provider;

namespace LegacyStub.Tests.Provider;

/// <summary>One started provider per test class, with two relying parties registered as an administrator would.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public static readonly RelyingParty Portal = new(
        "gateway-portal", "portal-secret-7f3a", new Uri("https://gateway.example.test/client/signin-oidc"),
        new Uri("https://gateway.example.test/client/signed-out"));

    public static readonly RelyingParty Other = new(
        "other-app", "other-secret-91c2", new Uri("https://other.example.test/callback"),
        new Uri("https://other.example.test/bye"));

    public OidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Clients = [Portal.Registration with { DisplayName = "Token Gateway" }, Other.Registration],
        });
    }

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    /// <summary>A fresh browser: its own cookie jar, no redirects followed.</summary>
    public OidcBrowser NewBrowser(RelyingParty? party = null) => new(Provider, party ?? Portal);
}
