using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Bearer-token authentication and one authorization policy per scope of the catalogue (scopes.json), named after
    /// the scope, for routes in yarp.json to name as <c>AuthorizationPolicy</c>. There is no global authentication
    /// step: each policy authenticates its scheme, so 404s and health checks never look a token up.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationDefaults.Scheme, configureOptions: null);

        builder.Services.AddAuthorization();
        builder.Services.AddOptions<AuthorizationOptions>().Configure<ScopeCatalog>(AddScopePolicies);

        // The requirements are their own handlers (the framework's pass-through handler runs them).
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        return builder;
    }

    private static void AddScopePolicies(AuthorizationOptions authorization, ScopeCatalog catalog)
    {
        foreach (var scope in catalog.Names)
        {
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(TokenAuthenticationDefaults.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new IpAllowlistRequirement(), new ScopeRequirement(scope)));
        }
    }
}
