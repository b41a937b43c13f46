using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider;

/// <summary>Creates the store and registers the relying parties, as an administrator would in the billing system.</summary>
internal static class ClientRegistrar
{
    public static async Task RegisterAsync(IServiceProvider services, IEnumerable<OidcClientRegistration> clients, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in clients)
        {
            await applications.CreateAsync(Describe(client), cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(OidcClientRegistration client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            // Registered by the billing system's own administrator: clients are not asked to consent.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName ?? client.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }
}
