using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Telemetry;

/// <summary>The standard <c>OTEL_EXPORTER_OTLP_*</c> variables as a fallback for the operational telemetry, and its settings checked before the host is composed.</summary>
public sealed class OtlpEnvironmentTests
{
    [Fact]
    public void From_OnlyStandardVariables_EndpointProtocolAndDecodedHeadersTaken()
    {
        var configuration = Configuration(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer%20abc, x-tenant = ops ",
        });

        var otlp = TelemetryOptions.From(configuration).Otlp;

        Assert.Equal("http://collector:4317", otlp.Endpoint);
        Assert.Equal(OtlpProtocol.Grpc, otlp.Protocol);
        Assert.Equal("Bearer abc", otlp.Headers["Authorization"]);
        Assert.Equal("ops", otlp.Headers["x-tenant"]);
        Assert.True(otlp.ExportsTraces);
    }

    [Fact]
    public void From_GatewaySettingAndStandardVariables_GatewaySettingWinsWhole()
    {
        var configuration = Configuration(new()
        {
            ["Gateway:Telemetry:Otlp:Endpoint"] = "https://own:4318",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://other:4317",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer other",
        });

        var otlp = TelemetryOptions.From(configuration).Otlp;

        Assert.Equal("https://own:4318", otlp.Endpoint);
        Assert.Equal(OtlpProtocol.HttpProtobuf, otlp.Protocol);
        Assert.Empty(otlp.Headers);
        Assert.Equal(new Uri("https://own:4318/v1/traces"), otlp.SignalEndpoint("traces"));
    }

    [Fact]
    public void From_NothingSet_NothingExported()
    {
        var otlp = TelemetryOptions.From(Configuration([])).Otlp;

        Assert.False(otlp.IsConfigured);
        Assert.False(otlp.ExportsTraces);
    }

    [Fact]
    public void From_BadProtocol_FailsNamingTheSettingAndAcceptedValues()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            TelemetryOptions.From(Configuration(new() { ["Gateway:Telemetry:Otlp:Protocol"] = "thrift" })));

        Assert.Contains("Gateway:Telemetry:Otlp:Protocol", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HttpProtobuf, Grpc", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
