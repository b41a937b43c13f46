using Gateway.Tokens;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Admin.Api;

/// <summary>
/// Turns a refused change (<see cref="TokenValidationException"/>) or a body that does not bind (bad JSON,
/// a date that is no date) into a 400 validation problem naming each field.
/// </summary>
internal sealed class ValidationExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var errors = exception switch
        {
            TokenValidationException invalid => invalid.Errors.ToDictionary(e => e.Key, e => e.Value),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => new Dictionary<string, string[]>
            {
                [FieldOf(json.Path)] = ["This value could not be read (wrong type or format, e.g. dates are yyyy-MM-dd)."],
            },
            BadHttpRequestException bad => new Dictionary<string, string[]> { ["request"] = [bad.Message] },
            _ => null,
        };
        if (errors is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request was refused; nothing was changed.",
            },
            Exception = exception,
        });
    }

    // "$.expiresOn" -> "expiresOn"; a body that is not JSON at all has no path.
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
