using Gateway.Tokens;
using LegacyStub;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    public string DataPath { get; init; } = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Another fixture's store to run on (a second instance, or the same one after a restart); not dropped on dispose.</summary>
    public TestStore.Database? SharedStore { get; init; }

    /// <summary>Keep <see cref="DataPath"/> on dispose (another fixture goes on using the store in it).</summary>
    public bool KeepData { get; init; }

    /// <summary>Settings a test class adds on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Counts (and can pause) store reads, to prove what does and does not reach the store.</summary>
    public StoreCommandCounter StoreCommands { get; } = new();

    /// <summary>A clock to use instead of the system's, when a test class moves time.</summary>
    public ManualTimeProvider? Clock { get; init; }

    /// <summary>The store this fixture runs on: SQLite in <see cref="DataPath"/>, or a PostgreSQL database of its own.</summary>
    public TestStore.Database Store { get; private set; } = null!;

    /// <summary>Always SQLite, also when the suite runs on PostgreSQL: for tests about the SQLite file itself.</summary>
    public bool SqliteOnly { get; init; }

    public async Task InitializeAsync()
    {
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = BackendCredential });
        Store = SharedStore ?? (SqliteOnly ? TestStore.Sqlite : await TestStore.CreateAsync());
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharedStore is null && !KeepData)
        {
            await Store.DisposeAsync();
        }

        Backend.Stop();
        Backend.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepData || SharedStore is not null)
        {
            return;
        }

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

    /// <summary>A client on the admin listener, optionally with an admin API key.</summary>
    public HttpClient CreateAdminClient(string? adminKey = null)
    {
        var client = CreateHttpsClient();
        client.DefaultRequestHeaders.Add(TestPeer.ListenerHeader, Gateway.Hosting.Listener.AdminName);
        if (adminKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        }

        return client;
    }

    /// <summary>A new admin API key with <paramref name="role"/>, owned by a new staff account of that role.</summary>
    public async Task<string> CreateAdminKeyAsync(string role)
    {
        var owner = await Services.GetRequiredService<Gateway.Staff.StaffService>().CreateAsync($"o-{Guid.NewGuid():N}"[..20], "key owner password", role, "test");
        var (_, plaintext) = await Services.GetRequiredService<Gateway.Staff.AdminKeyService>().CreateAsync($"k-{Guid.NewGuid():N}"[..20], role, owner.Id, "test");
        return plaintext;
    }

    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    /// <summary>Every scope of the catalogue the gateway runs with (scopes.json).</summary>
    public string[] AllScopes => [.. Services.GetRequiredService<ScopeCatalog>().Names];

    public Task<CreatedToken> CreateTokenAsync(long clientId, params string[] scopes) =>
        CreateTokenAsync(new TokenSpec { ClientId = clientId, Scopes = scopes });

    /// <summary>
    /// Creates a token from <paramref name="spec"/>, with a unique name unless it sets one, granting <c>account:read</c>
    /// unless it names scopes or roles (a token must grant something).
    /// </summary>
    public Task<CreatedToken> CreateTokenAsync(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var named = spec.Name.Length > 0 ? spec : spec with { Name = $"t-{Guid.NewGuid():N}"[..30] };
        named = named.Scopes.Count > 0 || named.Roles.Count > 0 ? named : named with { Scopes = [ScopeCatalog.AccountRead] };
        return Tokens.CreateAsync(named, "test");
    }

    /// <summary>Makes a token expired (no API sets a past expiry): its expiry moves to a day long gone, and the cache forgets it.</summary>
    public async Task ExpireAsync(long tokenId)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<global::Gateway.Data.GatewayDbContext>>().CreateDbContextAsync();
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Tokens.Where(t => t.Id == tokenId), set => set.SetProperty(t => t.ExpiresOn, new DateOnly(2020, 1, 31)));
        Services.GetRequiredService<TokenCache>().InvalidateAll();
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token, string? peer = null)
    {
        var request = Http.Get(path, token);
        if (peer is not null)
        {
            request.From(peer);
        }

        return await CreateHttpsClient().SendAsync(request);
    }

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
                ["Gateway:Audit:Path"] = Path.Combine(DataPath, "logs"),
                ["ReverseProxy:Clusters:billing:Destinations:primary:Address"] = Backend.Url + "/",
                ["Gateway:Proxy:Backends:billing:Value"] = BackendCredential,
                // Probes would land in the backend's request log that tests assert on; the health tests turn them on.
                ["ReverseProxy:Clusters:billing:HealthCheck:Active:Enabled"] = "false",
            };
            foreach (var (key, value) in Store.Settings.Concat(Settings))
            {
                settings[key] = value;
            }

            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestPeer>();
            services.AddSingleton<IInterceptor>(StoreCommands);
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }
}
