using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using LegacyStub;

namespace Gateway.Tests.Hardening;

/// <summary>
/// <c>gateway health</c>, the container HEALTHCHECK (the ASP.NET runtime image has no curl): it asks the running
/// gateway's /healthz on the public listener configured for it, wildcard hosts on loopback, pinned to the
/// certificate in the listener's files.
/// </summary>
public sealed class DockerHealthProbeTests
{
    private const string Credential = "Bearer docker-health-secret";

    [Theory]
    [InlineData("https://0.0.0.0:8443", "https://127.0.0.1:8443/")]
    [InlineData("https://*:8443", "https://127.0.0.1:8443/")]
    [InlineData("https://+:8443", "https://127.0.0.1:8443/")]
    [InlineData("https://[::]:8443", "https://[::1]:8443/")]
    [InlineData("https://127.0.0.1:18443", "https://127.0.0.1:18443/")]
    [InlineData("https://localhost:8443/", "https://localhost:8443/")]
    public void ProbeUri_ListenerUrl_AsksLoopbackForWildcards(string listener, string expected)
    {
        Assert.Equal(new Uri(expected), HealthProbe.ProbeUri(listener));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://0.0.0.0")]
    [InlineData("not a url")]
    public void ProbeUri_NoPort_IsNull(string? listener)
    {
        Assert.Null(HealthProbe.ProbeUri(listener));
    }

    [Fact]
    public async Task Health_GatewayListeningOnWildcardUrl_ExitsZero()
    {
        var data = Path.Combine(Path.GetTempPath(), "gateway-docker-tests", Guid.NewGuid().ToString("N"));
        using var backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        var environment = GatewayProcess.Environment(data, backend.Url + "/", Credential);
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
            // As in the image: the listener is configured as 0.0.0.0 and the certificate is the generated one in the data folder.
            environment["Kestrel__Endpoints__Public__Url"] = $"https://0.0.0.0:{gateway.HttpsPort}";

            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "health"], environment);

            Assert.True(exit == 0, $"exit {exit}: {stdout} {stderr}");
            Assert.Contains("healthy", stdout, StringComparison.Ordinal);
        }
        finally
        {
            backend.Stop();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Health_NothingListening_ExitsNonZero()
    {
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Public__Url"] = $"https://0.0.0.0:{FreePort.Next()}",
            ["Gateway__Storage__DataPath"] = Path.Combine(Path.GetTempPath(), "gateway-docker-tests", Guid.NewGuid().ToString("N")),
        };

        var (exit, _, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "health"], environment);

        Assert.Equal(1, exit);
        Assert.StartsWith("unhealthy", stderr, StringComparison.Ordinal);
    }
}
