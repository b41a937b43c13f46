using Gateway.Pipeline;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

/// <summary>
/// Answers the framework gives without a body (routing's 404 for no route and 405 for a method the endpoint does not
/// take): on the public listener a recorded refusal in the API's own JSON shape (<see cref="Refusal.ForFrameworkStatus"/>),
/// on the admin listener RFC 9457 problem details.
/// </summary>
internal static class BareStatusAnswers
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!Listener.Of(http).IsAdmin)
        {
            return Refusals.WriteAsync(http, Refusal.ForFrameworkStatus(http.Response.StatusCode));
        }

        // Status and headers only: a body on a HEAD answer breaks HTTP/2 streams.
        return HttpMethods.IsHead(http.Request.Method)
            ? Task.CompletedTask
            : http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http }).AsTask();
    }
}
