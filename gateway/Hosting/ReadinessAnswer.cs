using HealthChecks.UI.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Hosting;

/// <summary>
/// <c>/readyz</c>'s body: the report as JSON in the HealthChecks UI format (overall <c>status</c> and
/// <c>totalDuration</c>, then per check its <c>status</c>, <c>description</c> and <c>duration</c>), never an
/// exception's text. The status code stays the framework's: 200 Healthy or Degraded, 503 Unhealthy.
/// </summary>
internal static class ReadinessAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Status and headers only: a body on a HEAD answer breaks HTTP/2 streams.
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : UIResponseWriter.WriteHealthCheckUIResponseNoExceptionDetails(context, report);
    }
}
