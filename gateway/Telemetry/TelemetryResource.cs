using System.Reflection;
using OpenTelemetry.Resources;

namespace Gateway.Telemetry;

/// <summary>
/// The OTLP resource every signal of this process carries — metrics, traces, the console log and the audit stream —
/// so a collector can join them: <c>service.name</c>, <c>service.version</c>, one <c>service.instance.id</c> per
/// process, the SDK's attributes, then <c>OTEL_RESOURCE_ATTRIBUTES</c> / <c>OTEL_SERVICE_NAME</c>, which win.
/// </summary>
public static class TelemetryResource
{
    private static readonly string InstanceId = Guid.NewGuid().ToString();

    public static string Version { get; } =
        typeof(TelemetryResource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static ResourceBuilder Configure(ResourceBuilder resource, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource
            .AddService(serviceName, serviceVersion: Version, autoGenerateServiceInstanceId: false, serviceInstanceId: InstanceId)
            .AddEnvironmentVariableDetector();
    }

    /// <summary>The same resource as attributes, for the log sinks that do not run on the SDK.</summary>
    public static Dictionary<string, object> Attributes(string serviceName) =>
        Configure(ResourceBuilder.CreateDefault(), serviceName).Build().Attributes.ToDictionary(a => a.Key, a => a.Value);
}
