using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// The gateway executable exporting to two collectors of the tests' own (<see cref="OtlpReceiver"/>): metrics, traces
/// and the console log to one, the audit stream to the other, each with an auth header, all at default settings. It
/// serves a short scenario — a staff action on the admin API, an allowed request carrying a client's trace context and request id, a
/// refused one — and is then stopped as a service manager would, so everything buffered is exported; the tests look
/// at what arrived. On the store the suite runs on (SQLite, or PostgreSQL with GATEWAY_TEST_POSTGRES).
/// </summary>
public sealed class OtlpExportFixture : IAsyncLifetime
{
    public const string Credential = "Bearer otel-backend-secret";
    public const string CollectorKey = "Bearer collector-key-4d1f";
    public const string AuditCollectorKey = "audit-collector-key-77c2";
    private const string OwnerPassword = "otel owner password 5be1";

    /// <summary>The trace context a client sends along: the gateway must neither adopt nor forward it.</summary>
    public const string ClientTraceId = "0af7651916cd43dd8448eb211c80319c";
    public const string ClientTraceParent = $"00-{ClientTraceId}-b7ad6b7169203331-01";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-otlp-tests", Guid.NewGuid().ToString("N"));

    public OtlpReceiver Collector { get; private set; } = null!;

    public OtlpReceiver AuditCollector { get; private set; } = null!;

    public WireMockServer Backend { get; private set; } = null!;

    public TestStore.Database Store { get; private set; } = null!;

    public string AuditFolder => Path.Combine(_data, "logs");

    /// <summary>Secrets that must appear in no payload: the token used, the admin key, the backend credential, a staff password.</summary>
    public IReadOnlyList<string> Secrets { get; private set; } = [];

    public string AllowedRequestId { get; private set; } = "";

    public string RefusedRequestId { get; private set; } = "";

    public string StaffRequestId { get; private set; } = "";

    public long TokenId { get; private set; }

    public int ExitCode { get; private set; }

    /// <summary><c>gateway audit verify</c> on the run's audit folder after the stop.</summary>
    public (int Exit, string Output) Verify { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Collector = await OtlpReceiver.StartAsync();
        AuditCollector = await OtlpReceiver.StartAsync();
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        Store = await TestStore.CreateAsync();
        var environment = GatewayProcess.Environment(_data, Backend.Url + "/", Credential, Store);
        environment["Gateway__Telemetry__Otlp__Endpoint"] = Collector.Endpoint;
        environment["Gateway__Telemetry__Otlp__Headers__Authorization"] = CollectorKey;
        environment["Gateway__Audit__Otlp__Endpoint"] = AuditCollector.Endpoint;
        environment["Gateway__Audit__Otlp__Headers__X-Audit-Key"] = AuditCollectorKey;

        var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
        try
        {
            var (created, _, error) = await ProcessRunner.RunAsync(
                "dotnet", [GatewayProcess.ExecutablePath, "staff", "create", "otel-owner", "--role", "admin"], environment, stdin: OwnerPassword);
            Assert.True(created == 0, error);
            var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
                "dotnet", [GatewayProcess.ExecutablePath, "admin", "keys", "create", "--name", "otel", "--role", "admin", "--owner", "otel-owner", "--json"], environment);
            Assert.True(exit == 0, stderr);
            var adminKey = JsonDocument.Parse(stdout).RootElement.GetProperty("key").GetString()!;

            // A staff action through the admin API: its audit event carries that request's id.
            using var admin = gateway.CreateClient(admin: true);
            admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
            using var create = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 1, name = "otel-token", scopes = new[] { "account:read" } });
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            StaffRequestId = create.Headers.GetValues("X-Request-Id").Single();
            var body = await create.Content.ReadFromJsonAsync<JsonElement>();
            var token = body.GetProperty("plaintext").GetString()!;
            TokenId = body.GetProperty("token").GetProperty("id").GetInt64();
            Secrets = [token, adminKey, Credential["Bearer ".Length..], OwnerPassword];

            using var client = gateway.CreateClient();
            using (var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"))
            {
                allowed.Headers.Authorization = new("Bearer", token);
                allowed.Headers.Add("traceparent", ClientTraceParent);
                allowed.Headers.Add("tracestate", "client=chosen");
                allowed.Headers.Add("baggage", "role=admin");
                // A request id shaped as a valid trace id: still the gateway's own is used.
                allowed.Headers.Add("X-Request-Id", ClientTraceId);
                using var answer = await client.SendAsync(allowed);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                AllowedRequestId = answer.Headers.GetValues("X-Request-Id").Single();
            }

            using (var refused = await client.GetAsync(new Uri("/api/v1/me?api_token=" + token, UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                RefusedRequestId = refused.Headers.GetValues("X-Request-Id").Single();
            }

            // What is buffered (spans, the last metrics, log batches, shipped audit events) goes out on a graceful stop.
            ExitCode = await gateway.StopGracefullyAsync();
        }
        finally
        {
            Log = gateway.Log;
            await gateway.DisposeAsync();
        }

        // The lines now carry @tr/@sp: the chain must still verify.
        var (verified, verifyOut, verifyErr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "audit", "verify"], environment);
        Verify = (verified, verifyOut + verifyErr);
    }

    public async Task DisposeAsync()
    {
        if (Collector is not null)
        {
            await Collector.DisposeAsync();
        }

        if (AuditCollector is not null)
        {
            await AuditCollector.DisposeAsync();
        }

        Backend?.Stop();
        Backend?.Dispose();
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
