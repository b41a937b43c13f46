using Microsoft.AspNetCore.Antiforgery;

namespace Gateway.Admin.Api;

/// <summary>
/// A change made with the staff cookie must carry the antiforgery token (header <c>RequestVerificationToken</c>):
/// SameSite=Strict still sends the cookie from a sibling site, so the cookie alone does not prove intent.
/// Calls with an admin API key (<c>Authorization</c>) are not cookie-borne and pass.
/// </summary>
internal sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.Request.Headers.Authorization.Count > 0)
        {
            return await next(context);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid antiforgery token.",
                detail: "Changes made with the staff sign-in cookie need the RequestVerificationToken header; scripts should use an admin API key.");
        }

        return await next(context);
    }
}
