using System.Net;
using Gateway.Tests.Docs;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Proxy;

/// <summary>
/// A host adds a billing endpoint and its scope by configuration alone (yarp.json and scopes.json, here through
/// the environment's equivalent) and restarts: the route is served, documented and grantable. A route the contract
/// does not allow stops the start with a message naming it.
/// </summary>
public sealed class RouteCatalogueTests(RouteCatalogueTests.Fixture fixture) : IClassFixture<RouteCatalogueTests.Fixture>
{
    private const string Tickets = "tickets:read";

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new();

        public Task InitializeAsync()
        {
            foreach (var (key, value) in WithTicketsRoute(Tickets))
            {
                Gateway.Settings[key] = value;
            }

            return Gateway.InitializeAsync();
        }

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task NewRouteAndScope_ServedToTokensHoldingTheScope()
    {
        var token = await fixture.Gateway.CreateTokenAsync(1, Tickets);
        var other = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        fixture.Gateway.Backend.ResetLogEntries();

        using var allowed = await fixture.Gateway.GetAsync("/api/v1/tickets/7", token.Plaintext);
        using var refused = await fixture.Gateway.GetAsync("/api/v1/tickets/7", other.Plaintext);

        // The stub has no tickets: its own 404 is the answer, and it got exactly one request, stamped.
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        var received = Assert.Single(fixture.Gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal("/api/v1/tickets/7", received.Path);
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(Tickets, (await refused.JsonAsync()).GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task NewRouteAndScope_InTheClientDocumentWithTheScopeDescription()
    {
        var document = await OpenApiJson.FetchAsync(fixture.Gateway.CreateHttpsClient(), "/openapi/client.json");

        var operation = document.GetProperty("paths").GetProperty("/api/v1/tickets/{id}").GetProperty("get");
        Assert.Contains("`tickets:read` scope (The client's support tickets)", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearerToken").GetProperty("description").GetString();
        Assert.Contains("`tickets:read` — The client's support tickets.", scheme, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_SeedAndNewScope_WithDescriptions()
    {
        var catalog = fixture.Gateway.Services.GetRequiredService<ScopeCatalog>();

        Assert.Equal([ScopeCatalog.AccountRead, ScopeCatalog.HostingRead, ScopeCatalog.DomainsRead, ScopeCatalog.DnsRead, Tickets], catalog.Names);
        Assert.All(catalog.Scopes, scope => Assert.False(string.IsNullOrWhiteSpace(scope.Description)));
    }

    [Theory]
    [InlineData("AuthorizationPolicy", "tickets:write", "Route 'tickets' must set AuthorizationPolicy to a scope of scopes.json")]
    [InlineData("RateLimiterPolicy", "per-ip", "Route 'tickets' must set RateLimiterPolicy to one of: per-token (got 'per-ip')")]
    [InlineData("Match:Methods:0", "POST", "Route 'tickets' must set Match.Methods to GET and/or HEAD only (got POST)")]
    public async Task Start_RouteOutsideTheContract_FailsNamingTheRoute(string setting, string value, string expected)
    {
        var settings = WithTicketsRoute(Tickets);
        settings[$"ReverseProxy:Routes:tickets:{setting}"] = value;

        Assert.Contains(expected, await StartFailureAsync(settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tickets Read", "Scopes:4:Name 'Tickets Read' is not a scope name")]
    [InlineData("account:read", "Scopes:4:Name 'account:read' is listed twice")]
    public async Task Start_BadScopeInTheCatalogue_FailsNamingTheSetting(string name, string expected)
    {
        var settings = WithTicketsRoute(Tickets);
        settings["Scopes:4:Name"] = name;

        Assert.Contains(expected, await StartFailureAsync(settings), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithTicketsRoute(string scope) => new()
    {
        ["Scopes:4:Name"] = scope,
        ["Scopes:4:Description"] = "The client's support tickets.",
        ["ReverseProxy:Routes:tickets:ClusterId"] = "billing",
        ["ReverseProxy:Routes:tickets:AuthorizationPolicy"] = scope,
        ["ReverseProxy:Routes:tickets:RateLimiterPolicy"] = "per-token",
        ["ReverseProxy:Routes:tickets:Match:Path"] = "/api/v1/tickets/{id:long}",
        ["ReverseProxy:Routes:tickets:Match:Methods:0"] = "GET",
    };

    /// <summary>Starts the real executable with these settings (as environment variables) and returns what it said as it stopped.</summary>
    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "gateway-catalogue-tests", Guid.NewGuid().ToString("N"));
        var environment = GatewayProcess.Environment(data, "http://127.0.0.1:9/", GatewayFixture.BackendCredential);
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await GatewayProcess.StartAsync(environment, plainHttp: false)).DisposeAsync());
            return failure.Message;
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
