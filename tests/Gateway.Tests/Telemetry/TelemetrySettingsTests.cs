using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry;

/// <summary>An OTLP setting that cannot work stops the start naming it, and never echoes a header's value.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("Gateway__Telemetry__Otlp__Endpoint", "collector:4318", "Gateway:Telemetry:Otlp:Endpoint must be an http:// or https:// address")]
    [InlineData("Gateway__Audit__Otlp__Endpoint", "http://user:pass@collector:4318", "Gateway:Audit:Otlp:Endpoint must be an http:// or https:// address without query or credentials")]
    [InlineData("Gateway__Telemetry__Otlp__MetricsInterval", "00:00:00.100", "Gateway:Telemetry:Otlp:MetricsInterval")]
    [InlineData("Gateway__Audit__Otlp__QueueLimit", "5", "QueueLimit")]
    public async Task Start_BadOtlpSetting_FailsNamingIt(string variable, string value, string expected)
    {
        var (exit, output) = await StartAsync(new() { [variable] = value });

        Assert.Equal(1, exit);
        Assert.Contains("The gateway could not start", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HeaderValueWithComma_FailsWithoutEchoingTheValue()
    {
        var (exit, output) = await StartAsync(new()
        {
            ["Gateway__Telemetry__Otlp__Endpoint"] = "http://127.0.0.1:9",
            ["Gateway__Telemetry__Otlp__Headers__Authorization"] = "Bearer secret-part-one,secret-part-two",
        });

        Assert.Equal(1, exit);
        Assert.Contains("Gateway:Telemetry:Otlp:Headers:Authorization must not contain a comma", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> StartAsync(Dictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("gateway-telemetry-settings-").FullName;
        try
        {
            var environment = GatewayProcess.Environment(data, "http://127.0.0.1:9/", "Bearer settings-test");
            environment["Kestrel__Endpoints__Public__Url"] = "https://127.0.0.1:0";
            environment["Kestrel__Endpoints__Admin__Url"] = "https://127.0.0.1:0";
            foreach (var (key, value) in settings)
            {
                environment[key] = value;
            }

            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "serve"], environment, TimeSpan.FromSeconds(60));
            return (exit, stdout + stderr);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
