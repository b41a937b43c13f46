namespace Gateway.Docs;

/// <summary>The two OpenAPI documents: one per listener, each served at <c>/openapi/{name}.json</c> and shown at <c>/docs</c>.</summary>
public static class ApiDocuments
{
    /// <summary>The client API (the proxied routes of yarp.json), on the public listener.</summary>
    public const string Client = "client";

    /// <summary>The admin API under <see cref="AdminApiPrefix"/>, on the admin listener.</summary>
    public const string Admin = "admin";

    public const string AdminApiPrefix = "/admin/api/v1";

    public const string DocsPath = "/docs";

    public static string PathOf(string document) => $"/openapi/{document}.json";

    /// <summary>
    /// The route of one document only: <c>{documentName}</c> is what MapOpenApi reads, and the constraint keeps
    /// a listener from being asked for the other listener's document.
    /// </summary>
    internal static string RouteOf(string document) => $"/openapi/{{documentName:regex(^{document}$)}}.json";
}
