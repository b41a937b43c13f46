using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Telemetry.Otlp;
using LegacyStub;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// <c>Protocol = Grpc</c> for both streams, to collectors that speak only OTLP/gRPC (HTTP/2 without TLS): the request's
/// span, the framework's metrics, the console log and the audit event all arrive, each with the configured header.
/// </summary>
public sealed class OtlpGrpcExportTests
{
    private const string Credential = "Bearer grpc-backend-secret";

    [Fact]
    public async Task Request_GrpcCollectors_SpanMetricsLogAndAuditEventArrive()
    {
        await using var collector = await OtlpReceiver.StartAsync(grpc: true);
        await using var auditCollector = await OtlpReceiver.StartAsync(grpc: true);
        using var backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        await using var store = await TestStore.CreateAsync();
        var data = Directory.CreateTempSubdirectory("gateway-otlp-grpc-").FullName;
        try
        {
            var environment = GatewayProcess.Environment(data, backend.Url + "/", Credential, store);
            environment["Gateway__Telemetry__Otlp__Endpoint"] = collector.Endpoint;
            environment["Gateway__Telemetry__Otlp__Protocol"] = "Grpc";
            environment["Gateway__Telemetry__Otlp__Headers__Authorization"] = "Bearer grpc-collector-key";
            environment["Gateway__Audit__Otlp__Endpoint"] = auditCollector.Endpoint;
            environment["Gateway__Audit__Otlp__Protocol"] = "Grpc";

            var (created, stdout, stderr) = await ProcessRunner.RunAsync(
                "dotnet", [GatewayProcess.ExecutablePath, "tokens", "create", "--client", "1", "--name", "grpc-token", "--scopes", "account:read", "--json"], environment);
            Assert.True(created == 0, stderr);
            var token = JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;

            var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
            string requestId;
            try
            {
                using var client = gateway.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                requestId = response.Headers.GetValues("X-Request-Id").Single();
                Assert.Equal(0, await gateway.StopGracefullyAsync());
            }
            finally
            {
                await gateway.DisposeAsync();
            }

            Assert.Contains(collector.Spans, s => s.Kind == Span.Types.SpanKind.Server && s.TraceId.Hex() == requestId);
            Assert.Contains(collector.AllMetrics, m => m.Name == "http.server.request.duration");
            Assert.Contains(collector.LogRecords, r => r.Body?.StringValue == "Application started. Press Ctrl+C to shut down.");
            Assert.All(collector.Requests, r => Assert.Equal("Bearer grpc-collector-key", r.Headers["Authorization"]));
            var audited = Assert.Single(auditCollector.LogRecords, r => r.Attributes.Text("RequestId") == requestId);
            Assert.Equal("allowed", audited.Attributes.Text("Decision"));
            Assert.Equal(requestId, audited.TraceId.Hex());
        }
        finally
        {
            backend.Stop();
            Directory.Delete(data, recursive: true);
        }
    }
}
