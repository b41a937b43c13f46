using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace PortalUi;

public static class PortalUiExtensions
{
    /// <summary>The area holding every portal page.</summary>
    public const string Area = "Client";

    /// <summary>
    /// The portal's Razor Pages (area <c>Client</c>, routes under <c>/client/</c>): every page needs a client sign-in
    /// except sign-in itself and the problem pages; faults become clear pages; <paramref name="endpoint"/> adds the
    /// host's metadata (its listener, its rate limit) to every portal page.
    /// </summary>
    public static IServiceCollection AddGatewayPortalUi(this IServiceCollection services, Action<PageApplicationModel> endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeAreaFolder(Area, "/", PortalAuth.Policy);
            pages.Conventions.AllowAnonymousToAreaPage(Area, "/SignIn");
            pages.Conventions.AllowAnonymousToAreaPage(Area, "/Problem");
            pages.Conventions.AllowAnonymousToAreaPage(Area, "/SignOut");
            pages.Conventions.AddAreaFolderApplicationModelConvention(Area, "/", model =>
            {
                model.Filters.Add(new PortalExceptionFilter());
                endpoint(model);
            });
        });
        return services;
    }
}
