using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads <c>/readyz</c>'s JSON (HealthChecks UI format: <c>status</c>, <c>totalDuration</c>, <c>entries</c>).</summary>
public static class Readiness
{
    /// <summary>The overall status (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>).</summary>
    public static async Task<string> StatusAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("status").GetString()!;

    /// <summary>One check's entry (<c>status</c>, <c>description</c>, <c>duration</c>, <c>tags</c>).</summary>
    public static JsonElement Check(this JsonElement report, string name) => report.GetProperty("entries").GetProperty(name);
}
