using Gateway.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AdminUi;

public static class AdminUiExtensions
{
    /// <summary>Razor Pages of the staff UI: every page needs a staff sign-in; changes need the admin role.</summary>
    public static IServiceCollection AddGatewayAdminUi(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/", AdminAuth.ReadPolicy);
            // The sign-in steps: a password, then a code or an enrolment, all under one per-address limit.
            foreach (var step in SignInPages)
            {
                pages.Conventions.AllowAnonymousToPage(step);
                pages.Conventions.AddPageApplicationModelConvention(step, model =>
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(Pages.SignInModel.RateLimitPolicy)));
            }

            pages.Conventions.AllowAnonymousToPage("/Denied");
            foreach (var page in WritePages)
            {
                pages.Conventions.AuthorizePage(page, AdminAuth.WritePolicy);
            }
        });
        return services;
    }

    public static IEndpointConventionBuilder MapGatewayAdminUi(this IEndpointRouteBuilder endpoints) => endpoints.MapRazorPages();

    private static readonly string[] SignInPages = ["/SignIn", "/SignInMfa", "/SignInEnrol"];

    private static readonly string[] WritePages =
    [
        "/Tokens/Create", "/Tokens/Edit", "/Tokens/Revoke", "/Tokens/Roll", "/Tokens/Delete", "/Tokens/RevokeAll",
        "/Roles/Edit", "/Roles/Delete", "/Keys/Index", "/Staff/Details", "/Staff/Delete", "/Notices/SendAgain",
    ];
}
