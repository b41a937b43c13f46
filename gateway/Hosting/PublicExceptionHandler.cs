using Gateway.Pipeline;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

/// <summary>An unexpected error on the public listener: the JSON 500 of DESIGN §5, recorded as <c>server_error</c>. The admin side has its own handlers.</summary>
internal sealed class PublicExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Listener.Of(httpContext).IsAdmin || httpContext.Response.HasStarted)
        {
            return false;
        }

        await Refusals.WriteAsync(httpContext, Refusal.ServerError);
        return true;
    }
}
