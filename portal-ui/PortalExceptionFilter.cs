using System.Data.Common;
using Gateway.Clients;
using Gateway.Data;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PortalUi;

/// <summary>
/// Faults on a portal page end in a clear page, never a 500: the store unavailable → 503 (every change is one
/// transaction in the token services, so nothing is half-written); the portal closed to the client → the refusal page.
/// </summary>
public sealed class PortalExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        switch (executed.Exception)
        {
            case ClientAccessException:
                executed.Result = PortalProblem.Refused();
                executed.ExceptionHandled = true;
                break;
            case StoreUnavailableException or DbException or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException:
                executed.Result = new RedirectResult(PortalProblem.PathFor(PortalProblem.Unavailable));
                executed.ExceptionHandled = true;
                break;
        }
    }
}
