using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Clients;

/// <summary>Store-backed client checks the token services share: a suspended or closed client gets no new token.</summary>
internal static class ClientRules
{
    public static Task<ClientAccount?> FindAsync(GatewayDbContext context, long clientId, CancellationToken cancellationToken) =>
        context.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);

    /// <summary>The client's record (null: default policy, active), or a validation error when it may not get tokens now.</summary>
    public static async Task<ClientAccount?> EnsureAcceptsTokensAsync(GatewayDbContext context, long clientId, CancellationToken cancellationToken)
    {
        var client = await FindAsync(context, clientId, cancellationToken);
        return client?.State switch
        {
            ClientState.Suspended => throw TokenRules.Invalid("clientId", $"Client {clientId} is suspended: resume it before issuing tokens."),
            ClientState.Closed => throw TokenRules.Invalid("clientId", $"Client {clientId} is closed: it gets no new tokens."),
            _ => client,
        };
    }
}
