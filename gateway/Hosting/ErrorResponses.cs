namespace Gateway.Hosting;

/// <summary>The public error bodies of DESIGN §5: <c>{"message": "..."}</c>, the shape the billing API already uses.</summary>
public static class ErrorResponses
{
    public const string Unauthenticated = "Unauthenticated.";
    public const string ScopeMissing = "This token does not have the required scope.";
    public const string IpNotAllowed = "This IP address is not allowed to use this token.";
    public const string HttpsRequired = "HTTPS is required.";
    public const string NotFound = "Not found.";
    public const string MethodNotAllowed = "Method not allowed.";
    public const string TooManyRequests = "Too many requests.";
    public const string UpstreamUnavailable = "Upstream unavailable.";
    public const string UpstreamTimedOut = "Upstream timed out.";
    public const string ServiceUnavailable = "Service unavailable.";
    public const string BadRequest = "Bad request.";
    public const string BodyNotAllowed = "GET and HEAD requests must not have a body.";
    public const string ServerError = "Server error.";

    /// <summary>Writes the status and body, unless the response has already started.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message, string? requiredScope = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD answer has headers only; a body here breaks HTTP/2 streams.
            return;
        }

        await response.WriteAsJsonAsync(
            new ErrorBody(message, requiredScope),
            ErrorBodyJsonContext.Default.ErrorBody,
            "application/json; charset=utf-8",
            context.RequestAborted);
    }
}
