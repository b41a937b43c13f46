using Gateway.Clients;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Clients;

/// <summary>The portal's most-live-tokens limit holds when a client's creates race (several tabs, sessions or instances).</summary>
public sealed class ClientTokenLimitTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Create_ManyAtOnceAtTheLimit_OnlyTheLimitSucceed()
    {
        const long client = 31;
        const int limit = 3;
        await gateway.Services.GetRequiredService<ClientService>()
            .SetPolicyAsync(client, new ClientPolicyEdit { MaxLiveTokens = limit }, "test");
        var portal = gateway.Services.GetRequiredService<ClientTokenService>();

        // Bounded: twelve creates, all started together.
        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await portal.CreateAsync(client, new ClientTokenRequest { Name = $"racer {i}", Scopes = [ScopeCatalog.AccountRead] });
                return true;
            }
            catch (TokenValidationException)
            {
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(limit, results.Count(created => created));
        var live = (await gateway.Tokens.ListAsync(client)).Count(t => t.Status != TokenStatus.Revoked);
        Assert.Equal(limit, live);
    }
}
