namespace Gateway.Hosting;

/// <summary>
/// Gives every request a fresh id (never the client's), used in logs, sent to the backend and returned as
/// <c>X-Request-Id</c> so a client can quote it to support.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
    }
}
