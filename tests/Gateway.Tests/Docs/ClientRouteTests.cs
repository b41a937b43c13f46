using Gateway.Docs;
using Microsoft.OpenApi;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Tests.Docs;

/// <summary>How one yarp.json route becomes a path of the client document.</summary>
public sealed class ClientRouteTests
{
    [Fact]
    public void From_ConstrainedIdInTheMiddle_OpenApiPathWithInt64ParameterAndNotes()
    {
        var route = ClientRoute.From(Route("domain-dns", "/api/v1/domains/{id:long}/dns", "dns:read"));

        Assert.Equal("/api/v1/domains/{id}/dns", route.Path);
        var id = Assert.Single(route.Parameters);
        Assert.Equal(("id", JsonSchemaType.Integer, "int64"), (id.Name, id.Type, id.Format));
        Assert.Equal(["GET", "HEAD"], route.Methods);
        Assert.Equal("dns:read", route.Scope);
        Assert.True(route.Note.IsList);
        Assert.Equal("Domains", route.Note.Tag);
    }

    [Fact]
    public void From_KnownSingleRecordWithoutId_IsNotAList()
    {
        var route = ClientRoute.From(Route("me", "/api/v1/me", "account:read"));

        Assert.Empty(route.Parameters);
        Assert.False(route.Note.IsList);
    }

    [Theory]
    [InlineData("/api/v1/tickets", true)]
    [InlineData("/api/v1/tickets/{id:long}", false)]
    public void From_RouteWithoutNotes_ListWhenPathEndsInAWordAndGroupedByScope(string path, bool isList)
    {
        var route = ClientRoute.From(Route("tickets", path, "account:read"));

        Assert.Equal(isList, route.Note.IsList);
        Assert.Equal("account:read", route.Note.Tag);
        Assert.Equal(path.Replace(":long", string.Empty, StringComparison.Ordinal), route.Note.Summary);
    }

    [Fact]
    public void From_UnconstrainedParameter_IsAString()
    {
        var route = ClientRoute.From(Route("x", "/api/v1/things/{slug}", "account:read"));

        Assert.Equal(JsonSchemaType.String, Assert.Single(route.Parameters).Type);
    }

    private static RouteConfig Route(string id, string path, string scope) => new()
    {
        RouteId = id,
        ClusterId = "billing",
        AuthorizationPolicy = scope,
        Match = new RouteMatch { Path = path, Methods = ["GET", "HEAD"] },
    };
}
