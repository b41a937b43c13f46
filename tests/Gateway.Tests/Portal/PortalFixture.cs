using Gateway.Tests.Infrastructure;
using LegacyStub;
using LegacyStub.Provider;
using WireMock.Server;

namespace Gateway.Tests.Portal;

/// <summary>
/// The client portal as a host runs it: the gateway executable on real sockets, the billing stub (WireMock) behind it,
/// and the stub's real OpenID Connect provider (OpenIddict, HTTPS) with the gateway registered as its client.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string ClientId = "gateway-portal";

    public string ClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "gateway-portal-tests", Guid.NewGuid().ToString("N"));

    public WireMockServer Backend { get; private set; } = null!;

    public OidcProvider Provider { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    public TestStore.Database Store { get; private set; } = null!;

    public int PublicPort { get; } = FreePort.Next();

    public Uri PublicBase => new($"https://127.0.0.1:{PublicPort}/");

    public string AuditFolder => Path.Combine(DataPath, "logs");

    public string ProviderCertificatePath => Path.Combine(DataPath, "provider.crt");

    /// <summary>Settings a test class adds on top (environment variable names).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataPath);
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = GatewayFixture.BackendCredential });
        Store = await TestStore.CreateAsync();
        await StartProviderAsync();
        var environment = GatewayProcess.Environment(DataPath, Backend.Url + "/", GatewayFixture.BackendCredential, Store);
        environment["Gateway__Portal__Authority"] = Provider.Issuer.ToString();
        environment["Gateway__Portal__ClientId"] = ClientId;
        environment["Gateway__Portal__ClientSecret"] = ClientSecret;
        environment["Gateway__Portal__ProviderCertificate"] = ProviderCertificatePath;
        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        Gateway = await GatewayProcess.StartAsync(environment, plainHttp: false, httpsPort: PublicPort);
    }

    /// <summary>Starts the provider (again, after <see cref="StopProviderAsync"/>) on the same port, so discovery finds it where it was.</summary>
    public async Task StartProviderAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Port = _providerPort,
            CertificatePath = ProviderCertificatePath,
            Clients =
            [
                new OidcClientRegistration
                {
                    ClientId = ClientId,
                    ClientSecret = ClientSecret,
                    RedirectUris = [new Uri(PublicBase, "client/signin-oidc")],
                    PostLogoutRedirectUris = [new Uri(PublicBase, "client/signed-out")],
                    DisplayName = "API tokens",
                },
            ],
        });
        _providerPort = Provider.Port;
    }

    /// <summary>The billing system's provider goes down.</summary>
    public ValueTask StopProviderAsync() => Provider.DisposeAsync();

    private int _providerPort;

    /// <summary>Runs <c>gateway …--json</c> in-process on the gateway's store (as an operator on the same host would) and returns its output.</summary>
    public async Task<System.Text.Json.JsonElement> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await global::Gateway.Cli.GatewayCli.RunAsync([.. args, "--json", "--data", DataPath], stdout, stderr, configuration: Store.Settings);
        Assert.True(exit == 0, $"gateway {string.Join(' ', args)}: {stderr}");
        return System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    /// <summary>The client's tokens as the store holds them (all statuses).</summary>
    public async Task<IReadOnlyList<System.Text.Json.JsonElement>> TokensAsync(long clientId) =>
        [.. (await CliAsync("tokens", "list", "--client", clientId.ToString(System.Globalization.CultureInfo.InvariantCulture))).EnumerateArray()];

    /// <summary>An HTTPS client for the API on the public listener (no cookies).</summary>
    public HttpClient ApiClient() => Gateway.CreateClient();

    /// <summary>A browser of its own (cookie jar) against this gateway and provider.</summary>
    public PortalBrowser NewBrowser() => new(this);

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
        await Store.DisposeAsync();
        Backend.Stop();
        Backend.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
