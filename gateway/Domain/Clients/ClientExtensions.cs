using Gateway.Sessions;

namespace Gateway.Clients;

public static class ClientExtensions
{
    /// <summary>Client policy and state, and the client-facing token rules, for every front end (API, UI, CLI, portal).</summary>
    public static IHostApplicationBuilder AddGatewayClients(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Suspending or closing a client ends its portal sessions, from the server and the CLI alike.
        builder.AddGatewaySessions();
        builder.Services.AddSingleton<ClientService>();
        builder.Services.AddSingleton<ClientTokenService>();
        return builder;
    }
}
