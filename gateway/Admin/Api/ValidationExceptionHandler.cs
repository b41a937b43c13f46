using Gateway.Tokens;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Admin.Api;

/// <summary>Turns a refused change (<see cref="TokenValidationException"/>) into a 400 validation problem naming each field.</summary>
internal sealed class ValidationExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TokenValidationException invalid)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request was refused; nothing was changed.",
            },
            Exception = exception,
        });
    }
}
