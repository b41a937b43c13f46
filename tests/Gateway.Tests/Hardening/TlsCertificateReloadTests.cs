using System.Net;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hardening;

/// <summary>
/// Certificate renewal without a restart, on the real gateway executable: the PEM files of the public listener
/// are replaced, and new connections get the new certificate within a few seconds while the process runs on.
/// </summary>
public sealed class TlsCertificateReloadTests : IAsyncLifetime
{
    private const string Credential = "Bearer tls-reload-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-tls-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _backend.Stop();
        _backend.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Handshake_ConfiguredPemFilesReplaced_NewConnectionsGetNewCertificateWithoutRestart()
    {
        var tls = Path.Combine(_data, "tls");
        Directory.CreateDirectory(tls);
        var certificate = Path.Combine(tls, "public.crt");
        var key = Path.Combine(tls, "public.key");
        var first = TlsHandshake.WritePem(certificate, key, "gateway-a");
        var environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        environment["Kestrel__Endpoints__Public__Certificate__Path"] = certificate;
        environment["Kestrel__Endpoints__Public__Certificate__KeyPath"] = key;

        await using var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);

        await AssertRenewedWithoutRestartAsync(gateway, first, () => TlsHandshake.WritePem(certificate, key, "gateway-b"));
    }

    [Fact]
    public async Task Handshake_GeneratedCertificateFilesReplaced_NewConnectionsGetNewCertificateWithoutRestart()
    {
        await using var gateway = await GatewayProcess.StartAsync(GatewayProcess.Environment(_data, _backend.Url + "/", Credential), plainHttp: false);
        var generated = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(gateway.CertificatePath)).Thumbprint;
        var key = Path.Combine(Path.GetDirectoryName(gateway.CertificatePath)!, "gateway.key");

        await AssertRenewedWithoutRestartAsync(gateway, generated, () => TlsHandshake.WritePem(gateway.CertificatePath, key, "gateway-renewed"));
    }

    private static async Task AssertRenewedWithoutRestartAsync(GatewayProcess gateway, string before, Func<string> renew)
    {
        Assert.Equal(before, await TlsHandshake.ServedThumbprintAsync(gateway.HttpsPort));

        var after = renew();

        // Bounded: the gateway looks at the files at most once a second; 30 s allows for a busy machine.
        var served = before;
        for (var attempt = 0; attempt < 300 && served != after; attempt++)
        {
            await Task.Delay(100);
            served = await TlsHandshake.ServedThumbprintAsync(gateway.HttpsPort);
        }

        Assert.Equal(after, served);
        Assert.NotEqual(before, after);
        // The same process, started once, still answering over the new certificate.
        Assert.Single(gateway.Log.Split('\n'), line => line.Contains("Application started", StringComparison.Ordinal));
        Assert.Contains("TLS certificate reloaded", gateway.Log, StringComparison.Ordinal);
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == after,
        });
        using var live = await client.GetAsync(new Uri($"https://127.0.0.1:{gateway.HttpsPort}/healthz"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
