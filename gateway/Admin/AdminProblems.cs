namespace Gateway.Admin;

/// <summary>RFC 9457 problem details for the admin side, through the platform's <see cref="IProblemDetailsService"/>.</summary>
public static class AdminProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    public static bool IsApi(HttpContext context) =>
        context?.Request.Path.StartsWithSegments("/admin/api", StringComparison.OrdinalIgnoreCase) == true;
}
