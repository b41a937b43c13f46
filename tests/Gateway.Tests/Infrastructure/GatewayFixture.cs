using Gateway.Tokens;
using LegacyStub;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in a test host, in front of the legacy stub (WireMock) on a random port, with a store of its
/// own in a temp folder. One per test class: the stub's request log is where the assertions look.
/// </summary>
public sealed class GatewayFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string BackendCredential = "Bearer test-backend-secret";

    public WireMockServer Backend { get; private set; } = null!;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Settings a test class adds on top of the defaults (e.g. the plain-HTTP switch).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public Task InitializeAsync()
    {
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = BackendCredential });
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Backend.Stop();
        Backend.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A client that talks HTTPS to the test host, as every real client must.</summary>
    public HttpClient CreateHttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    public async Task<CreatedToken> CreateTokenAsync(long clientId, params string[] scopes) =>
        await Tokens.CreateAsync(
            new TokenSpec { ClientId = clientId, Name = $"t-{Guid.NewGuid():N}"[..30], Scopes = scopes },
            "test");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // appsettings.json and yarp.json are copied beside the tests, as they are beside the executable.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Gateway:Storage:DataPath"] = DataPath,
                ["ReverseProxy:Clusters:billing:Destinations:primary:Address"] = Backend.Url + "/",
                ["Gateway:Proxy:Backends:billing:Value"] = BackendCredential,
            };
            foreach (var (key, value) in Settings)
            {
                settings[key] = value;
            }

            config.AddInMemoryCollection(settings);
        });
    }
}
