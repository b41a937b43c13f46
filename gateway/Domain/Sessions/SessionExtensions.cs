using Gateway.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

public static class SessionExtensions
{
    /// <summary>
    /// The session store, its cache, and the data-protection key ring that seals cookies (kept in the store, so every
    /// instance on one store opens every other's cookies). The server and the CLI both register this: the CLI ends
    /// sessions too (a password reset, a disable …). Calling it again (staff and portal both need it) adds nothing.
    /// </summary>
    public static IHostApplicationBuilder AddGatewaySessions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The fixed application name makes the key ring hold whatever folder each instance runs from.
        builder.Services.AddDataProtection()
            .SetApplicationName("token-gateway")
            .PersistKeysToDbContext<GatewayDbContext>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SessionCache>();
        builder.Services.TryAddSingleton<ISessionBroadcast, NoSessionBroadcast>();
        builder.Services.TryAddSingleton<SessionStore>();
        return builder;
    }

    /// <summary>
    /// Makes the cookie scheme <paramref name="scheme"/> keep its sign-ins as server sessions of
    /// <paramref name="policy"/>'s kind: register the scheme with <c>AddCookie</c> as usual, then call this. Its
    /// <see cref="CookieAuthenticationOptions.Events"/> (an instance, not <c>EventsType</c>) keep working: the session
    /// checks run first. End a subject's sessions with <see cref="SessionStore.EndAllAsync"/>.
    /// </summary>
    public static IServiceCollection AddSessionCookie(this IServiceCollection services, string scheme, Func<IServiceProvider, SessionCookiePolicy> policy)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(policy);
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp =>
            new SessionCookieEvents(scheme, policy(sp), sp.GetRequiredService<SessionStore>()));
        return services;
    }

    /// <summary>The background purge of old session rows (the server only).</summary>
    public static IHostApplicationBuilder AddGatewaySessionPurge(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionPurger>());
        return builder;
    }
}
