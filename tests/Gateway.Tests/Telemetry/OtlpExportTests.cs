using System.Text;
using System.Text.Json;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Telemetry.Otlp;

namespace Gateway.Tests.Telemetry;

/// <summary>What a real collector receives from the gateway, decoded: spans, metrics, console log records and the audit stream.</summary>
public sealed class OtlpExportTests(OtlpExportFixture run) : IClassFixture<OtlpExportFixture>
{
    [Fact]
    public void Stop_WithCollectorsUp_ExitsCleanly()
    {
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("could not start", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_TracesExported_ServerSpanTraceIdIsTheRequestIdAndTheAuditEvents()
    {
        Assert.Matches("^[0-9a-f]{32}$", run.AllowedRequestId);
        var server = Assert.Single(run.Collector.Spans, s => s.Kind == Span.Types.SpanKind.Server && s.TraceId.Hex() == run.AllowedRequestId);
        Assert.Empty(server.ParentSpanId);
        Assert.Equal("GET", server.Attributes.Text("http.request.method"));
        Assert.Equal("/api/v1/me", server.Attributes.Text("http.route"));
        Assert.Equal("200", server.Attributes.Text("http.response.status_code"));
        Assert.Equal("GET /api/v1/me", server.Name);

        // The forwarded call is a child span of the request, and what the backend got is that span's context.
        var forward = Assert.Single(run.Collector.Spans, s => s.Kind == Span.Types.SpanKind.Client && s.TraceId.Hex() == run.AllowedRequestId);
        Assert.Equal(server.SpanId, forward.ParentSpanId);
        Assert.Equal("200", forward.Attributes.Text("http.response.status_code"));
        var received = Assert.Single(run.Backend.LogEntries, e => e.RequestMessage!.Header("X-Request-Id").SequenceEqual([run.AllowedRequestId])).RequestMessage!;
        Assert.Equal([$"00-{run.AllowedRequestId}-{forward.SpanId.Hex()}-01"], received.Header("traceparent"));

        var line = await AuditFile.EventAsync(run.AuditFolder, run.AllowedRequestId);
        Assert.Equal(run.AllowedRequestId, line.GetProperty("@tr").GetString());
        Assert.Equal(server.SpanId.Hex(), line.GetProperty("@sp").GetString());
        var record = Assert.Single(AuditRecords(), r => r.Attributes.Text("RequestId") == run.AllowedRequestId);
        Assert.Equal(run.AllowedRequestId, record.TraceId.Hex());
        Assert.Equal(server.SpanId, record.SpanId);
    }

    [Fact]
    public void AuditFiles_TraceIdsInTheLines_ChainVerifiesIntact()
    {
        Assert.True(run.Verify.Exit == 0, run.Verify.Output);
        Assert.Contains("intact", run.Verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_ClientSentTraceContext_NeitherAdoptedNorForwarded()
    {
        Assert.NotEqual(OtlpExportFixture.ClientTraceId, run.AllowedRequestId);
        Assert.DoesNotContain(run.Collector.Spans, s => s.TraceId.Hex() == OtlpExportFixture.ClientTraceId || s.TraceState.Length > 0);
        var received = Assert.Single(run.Backend.LogEntries, e => e.RequestMessage!.Header("X-Request-Id").SequenceEqual([run.AllowedRequestId])).RequestMessage!;
        Assert.DoesNotContain(OtlpExportFixture.ClientTraceId, string.Concat(received.Header("traceparent")), StringComparison.Ordinal);
        Assert.False(received.HasHeader("tracestate"));
        Assert.False(received.HasHeader("baggage"));
    }

    [Fact]
    public void Metrics_Exported_FrameworkHttpDurationsInSecondsWithTheGatewaysOwnCounters()
    {
        var metrics = run.Collector.AllMetrics.ToList();
        var server = metrics.Where(m => m.Name == "http.server.request.duration").ToList();
        Assert.NotEmpty(server);
        Assert.All(server, m => Assert.Equal("s", m.Unit));
        var points = server.SelectMany(m => m.Histogram.DataPoints).ToList();
        Assert.Contains(points, p => p.Attributes.Text("http.route") == "/api/v1/me" && p.Attributes.Text("http.response.status_code") == "200"
            && p.Attributes.Text("http.request.method") == "GET" && p.Count >= 1 && p.Sum > 0);
        Assert.Contains(points, p => p.Attributes.Text("http.route") == "/api/v1/me" && p.Attributes.Text("http.response.status_code") == "401");

        var client = metrics.Where(m => m.Name == "http.client.request.duration").ToList();
        Assert.All(client, m => Assert.Equal("s", m.Unit));
        Assert.Contains(client.SelectMany(m => m.Histogram.DataPoints), p => p.Attributes.Text("server.address") == "127.0.0.1" && p.Attributes.Text("http.response.status_code") == "200");

        var requests = metrics.Where(m => m.Name == "gateway.requests").SelectMany(m => m.Sum.DataPoints).ToList();
        Assert.Contains(requests, p => p.Attributes.Text("decision") == "allowed" && p.Attributes.Text("route") == "me" && p.AsInt >= 1);
        Assert.Contains(requests, p => p.Attributes.Text("decision") == "denied" && p.Attributes.Text("reason") == "missing_token");
        Assert.Contains(metrics, m => m.Name == "dotnet.process.cpu.time" && m.Unit == "s");
        Assert.Contains(metrics, m => m.Name == "dotnet.process.memory.working_set" && m.Unit == "By");
        Assert.Contains(metrics, m => m.Name == "kestrel.active_connections");
        Assert.DoesNotContain(metrics, m => m.Name is "gateway.request.duration" or "gateway.upstream.duration");
    }

    [Fact]
    public void Resource_EverySignal_NamesTheServiceAndOneInstance()
    {
        // The audit collector also hears the CLI (its staff actions), a process of its own: the server's events are the requests'.
        var server = run.AuditCollector.Logs.SelectMany(l => l.ResourceLogs)
            .Where(r => r.ScopeLogs.SelectMany(s => s.LogRecords).Any(l => l.Attributes.Text("RequestId") == run.AllowedRequestId))
            .Select(r => r.Resource);
        var resources = run.Collector.Metrics.SelectMany(m => m.ResourceMetrics.Select(r => r.Resource))
            .Concat(run.Collector.Traces.SelectMany(t => t.ResourceSpans.Select(r => r.Resource)))
            .Concat(run.Collector.Logs.SelectMany(l => l.ResourceLogs.Select(r => r.Resource)))
            .Concat(server)
            .ToList();

        Assert.Contains(server, _ => true);
        Assert.All(resources, r => Assert.Equal("token-gateway", r.Attributes.Text("service.name")));
        Assert.Single(resources.Select(r => r.Attributes.Text("service.instance.id")).Distinct());
    }

    [Fact]
    public void ConsoleLog_Exported_EventsAsLogRecordsInTheirCategory()
    {
        var started = Assert.Single(run.Collector.LogRecords, r => r.Body?.StringValue == "Application started. Press Ctrl+C to shut down.");
        Assert.Equal("Information", started.SeverityText);
        Assert.Equal(9, started.SeverityNumber);
        Assert.Contains(run.Collector.Logs.SelectMany(l => l.ResourceLogs).SelectMany(r => r.ScopeLogs),
            s => s.Scope?.Name == "Microsoft.Hosting.Lifetime" && s.LogRecords.Contains(started));
        Assert.DoesNotContain(run.AuditCollector.LogRecords, r => r.Body?.StringValue == started.Body.StringValue);
        // Nor the other way round: the audit stream goes only where its own settings send it.
        Assert.DoesNotContain(run.Collector.LogRecords, r => r.Attributes.Text("EventType") is "public_request" or "staff_action");
    }

    [Fact]
    public async Task AuditStream_Shipped_EachEventWithExactlyTheFileFieldsAsAttributes()
    {
        foreach (var requestId in new[] { run.AllowedRequestId, run.RefusedRequestId })
        {
            var line = await AuditFile.EventAsync(run.AuditFolder, requestId);
            var record = Assert.Single(AuditRecords(), r => r.Attributes.Text("RequestId") == requestId && r.Attributes.Text("EventType") == "public_request");
            AssertSameFields(line, record);
        }

        var refused = Assert.Single(AuditRecords(), r => r.Attributes.Text("RequestId") == run.RefusedRequestId);
        Assert.Equal("denied", refused.Attributes.Text("Decision"));
        Assert.Equal("missing_token", refused.Attributes.Text("Reason"));
        Assert.Equal(401, refused.Attributes.Attribute("Status")!.IntValue);
        Assert.Contains("api_token=[redacted]", refused.Attributes.Text("Path"), StringComparison.Ordinal);

        var staff = Assert.Single(AuditRecords(), r => r.Attributes.Text("RequestId") == run.StaffRequestId);
        Assert.Equal("staff_action", staff.Attributes.Text("EventType"));
        Assert.Equal(AnyValue.ValueOneofCase.KvlistValue, staff.Attributes.Attribute("After")!.ValueCase);
        AssertSameFields(await AuditFile.ActionAsync(run.AuditFolder, staff.Attributes.Text("Action")!, staff.Attributes.Text("Target")!), staff);
    }

    [Fact]
    public void AuditStream_FromTheCli_ShippedToo()
    {
        Assert.Contains(AuditRecords(), r => r.Attributes.Text("EventType") == "staff_action" && r.Attributes.Text("Actor") is { } actor
            && r.Attributes.Text("Target")?.Contains("otel-owner", StringComparison.Ordinal) == true && actor.Length > 0);
    }

    [Fact]
    public void Payloads_EveryExport_NoTokenKeyOrCredentialAnywhere()
    {
        var bodies = run.Collector.Requests.Concat(run.AuditCollector.Requests).Select(r => r.Body).ToList();
        Assert.NotEmpty(bodies);
        foreach (var secret in run.Secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.DoesNotContain(bodies, body => body.AsSpan().IndexOf(bytes) >= 0);
        }
    }

    [Fact]
    public void Exports_EveryRequest_CarryTheConfiguredHeader()
    {
        Assert.Contains(run.Collector.Requests, r => r.Path == "/v1/traces");
        Assert.Contains(run.Collector.Requests, r => r.Path == "/v1/metrics");
        Assert.Contains(run.Collector.Requests, r => r.Path == "/v1/logs");
        Assert.All(run.Collector.Requests, r => Assert.Equal(OtlpExportFixture.CollectorKey, r.Headers["Authorization"]));
        Assert.All(run.AuditCollector.Requests, r => Assert.Equal("/v1/logs", r.Path));
        Assert.All(run.AuditCollector.Requests, r => Assert.Equal(OtlpExportFixture.AuditCollectorKey, r.Headers["X-Audit-Key"]));
        Assert.DoesNotContain(OtlpExportFixture.CollectorKey, run.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(OtlpExportFixture.AuditCollectorKey, run.Log, StringComparison.Ordinal);
    }

    private IEnumerable<LogRecord> AuditRecords() => run.AuditCollector.LogRecords;

    /// <summary>The record's attributes are the line's fields, value for value (CLEF's @-fields and the chain's links aside).</summary>
    private static void AssertSameFields(JsonElement line, LogRecord record)
    {
        string[] chain = ["KeyId", "PrevMac", "PrevHash", "Mac"];
        var fields = line.EnumerateObject().Where(p => !p.Name.StartsWith('@') && !chain.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value);
        var attributes = record.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), attributes.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in fields)
        {
            var shipped = attributes[name];
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    Assert.Equal(value.GetString(), shipped.StringValue);
                    break;
                case JsonValueKind.Number when value.TryGetInt64(out var whole):
                    Assert.Equal(whole, shipped.ValueCase == AnyValue.ValueOneofCase.IntValue ? shipped.IntValue : (long)shipped.DoubleValue);
                    break;
                case JsonValueKind.Number:
                    Assert.Equal(value.GetDouble(), shipped.DoubleValue, 6);
                    break;
                case JsonValueKind.Null:
                    // No reason, no upstream status …: an attribute without a value, as the file has the field without one.
                    Assert.Equal(AnyValue.ValueOneofCase.None, shipped.ValueCase);
                    break;
                default:
                    Assert.Equal(AnyValue.ValueOneofCase.KvlistValue, shipped.ValueCase);
                    break;
            }
        }
    }
}
