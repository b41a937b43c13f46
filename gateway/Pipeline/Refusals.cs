using System.Globalization;
using Gateway.Hosting;

namespace Gateway.Pipeline;

/// <summary>
/// The one way the public request path says no: records the <see cref="Refusal"/> on the request's
/// <see cref="RequestDecision"/> and writes its answer — status, the headers DESIGN §5 gives that status, and the
/// <c>{"message"}</c> body — in the same call.
/// </summary>
public static class Refusals
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <param name="retryAfter">For 429 and 503: when to try again (at least one second; 5 s when not given).</param>
    /// <param name="requiredScope">For a missing scope: the scope the route needs.</param>
    public static Task WriteAsync(HttpContext context, Refusal refusal, TimeSpan? retryAfter = null, string? requiredScope = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refusal);
        RequestDecision.Of(context).Refuse(refusal);
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var headers = response.Headers;
        // The forwarder clears the response when a backend fails mid-way; the id must survive that.
        headers[RequestIdMiddleware.HeaderName] = context.TraceIdentifier;
        switch (refusal.Status)
        {
            case StatusCodes.Status401Unauthorized:
                headers.WWWAuthenticate = "Bearer";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                headers.Allow = "GET, HEAD";
                break;
            case StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable:
                var seconds = Math.Max(1, (int)Math.Ceiling((retryAfter ?? DefaultRetryAfter).TotalSeconds));
                headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                break;
        }

        return ErrorResponses.WriteAsync(context, refusal.Status, refusal.Message, requiredScope);
    }

    /// <summary>Records a refusal that has no one to answer (the client is gone).</summary>
    public static void Record(HttpContext context, Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refusal);
        RequestDecision.Of(context).Refuse(refusal);
    }
}
