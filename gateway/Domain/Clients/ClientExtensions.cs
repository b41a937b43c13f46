using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Clients;

public static class ClientExtensions
{
    /// <summary>Client policy and state, and the client-facing token rules, for every front end (API, UI, CLI, portal).</summary>
    public static IHostApplicationBuilder AddGatewayClients(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IClientSessions, NoClientSessions>();
        builder.Services.AddSingleton<ClientService>();
        builder.Services.AddSingleton<ClientTokenService>();
        return builder;
    }
}
