using LegacyStub.Provider.Endpoints;
using LegacyStub.Provider.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace LegacyStub.Provider;

/// <summary>
/// The endpoints OpenIddict passes through to the stub. Discovery and JWKS need none: OpenIddict answers them
/// itself, as it answers every invalid request before these handlers run.
/// </summary>
internal static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapStubProvider(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ProviderRoutes.Authorize, ["GET", "POST"], AuthorizeEndpoint.HandleAsync);
        endpoints.MapPost(ProviderRoutes.Token, TokenEndpoint.HandleAsync);
        endpoints.MapMethods(ProviderRoutes.UserInfo, ["GET", "POST"], UserInfoEndpoint.HandleAsync);
        endpoints.MapMethods(ProviderRoutes.EndSession, ["GET", "POST"], EndSessionEndpoint.HandleAsync);
        endpoints.MapGet(ProviderRoutes.SignedOut, SignOutPages.SignedOut);
        return endpoints;
    }
}
