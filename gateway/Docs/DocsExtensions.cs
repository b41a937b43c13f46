using Gateway.Hosting;
using Scalar.AspNetCore;

namespace Gateway.Docs;

public static class DocsExtensions
{
    /// <summary>OpenAPI documents for the client API (public listener) and the admin API (admin listener).</summary>
    public static IHostApplicationBuilder AddGatewayDocs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(ApiDocuments.Client, options =>
        {
            // The client API is YARP's routes, which ApiExplorer does not see: the transformer writes all of it.
            options.ShouldInclude = _ => false;
            options.AddDocumentTransformer<ClientApiDocumentTransformer>();
        });
        builder.Services.AddOpenApi(ApiDocuments.Admin, options =>
        {
            options.ShouldInclude = description =>
                ("/" + description.RelativePath).StartsWith(ApiDocuments.AdminApiPrefix + "/", StringComparison.OrdinalIgnoreCase);
            options.AddDocumentTransformer<AdminApiDocumentTransformer>();
            options.AddOperationTransformer<AdminApiOperationTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// Each listener serves its own document at <c>/openapi/{name}.json</c> and Scalar at <c>/docs</c>, showing
    /// only that document. Both are anonymous: the documents describe the APIs, not anything in the store.
    /// </summary>
    public static WebApplication MapGatewayDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapDocs(app, new DocsSite(Listener.PublicName, ApiDocuments.Client, "Billing API", ClientApiComponents.BearerScheme));
        MapDocs(app, new DocsSite(Listener.AdminName, ApiDocuments.Admin, "Token gateway admin API", AdminApiDocumentTransformer.KeyScheme));
        return app;
    }

    private static void MapDocs(WebApplication app, DocsSite site)
    {
        // The same paths on both listeners; the metadata lets each answer on its own only.
        var only = new ListenerMetadata(site.Listener);
        app.MapOpenApi(ApiDocuments.RouteOf(site.Document)).WithMetadata(only).AllowAnonymous();
        app.MapScalarApiReference(ApiDocuments.DocsPath, (scalar, http) => DocsPage.Configure(scalar, http, site))
            .AddEndpointFilter((context, next) => DocsPage.OwnDocumentOnly(context, next, site))
            .WithMetadata(only)
            .AllowAnonymous();
    }
}
