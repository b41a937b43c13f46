using System.Net;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using static Gateway.Tests.Docs.OpenApiJson;

namespace Gateway.Tests.Docs;

/// <summary>The admin document at <c>/openapi/admin.json</c>: the admin API only, on the admin listener only.</summary>
public sealed class AdminDocumentTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Document = "/openapi/admin.json";

    [Fact]
    public async Task AdminDocument_AdminListener_HasTheAdminApiAndNothingElse()
    {
        var document = await FetchAsync(gateway.CreateAdminClient(), Document);

        var paths = Names(document.GetProperty("paths"));
        Assert.All(paths, path => Assert.StartsWith("/admin/api/v1/", path, StringComparison.Ordinal));
        Assert.Contains("/admin/api/v1/tokens", paths);
        Assert.Contains("/admin/api/v1/tokens/{id}/roll", paths);
        Assert.Contains("/admin/api/v1/roles/{name}", paths);
        Assert.Contains("/admin/api/v1/admin-keys", paths);
        Assert.DoesNotContain("/api/v1/", document.GetRawText().Replace("/admin/api/v1/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("healthz", document.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminDocument_Operations_KeepTheirNamesSummariesAndTags()
    {
        var document = await FetchAsync(gateway.CreateAdminClient(), Document);

        var operations = Operations(document).ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!);

        Assert.Equal("post", operations["CreateToken"].Method);
        Assert.Equal("/admin/api/v1/tokens", operations["CreateToken"].Path);
        Assert.Contains("plaintext", operations["CreateToken"].Operation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tokens", operations["RevokeAllTokens"].Operation.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task AdminDocument_SecurityScheme_IsAdminKeyBearerWithCookieNote()
    {
        var document = await FetchAsync(gateway.CreateAdminClient(), Document);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminKey");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.StartsWith("opt_admin_", scheme.GetProperty("bearerFormat").GetString(), StringComparison.Ordinal);
        Assert.Contains("cookie", scheme.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/signin", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminDocument_EveryOperation_NeedsAKeyAndNamesTheRolesItsPolicyAllows()
    {
        var document = await FetchAsync(gateway.CreateAdminClient(), Document);

        foreach (var (path, method, operation) in Operations(document))
        {
            var roles = Assert.Single(operation.GetProperty("security").EnumerateArray()).GetProperty("adminKey")
                .EnumerateArray().Select(r => r.GetString()).ToList();
            var responses = Names(operation.GetProperty("responses"));
            Assert.Contains("401", responses);
            var readOnly = method == "get" && !path.StartsWith("/admin/api/v1/admin-keys", StringComparison.Ordinal);
            Assert.Equal(readOnly ? [StaffRoles.Admin, StaffRoles.Auditor] : [StaffRoles.Admin], roles);
            Assert.Equal(!readOnly, responses.Contains("403"));
        }
    }

    [Theory]
    [InlineData("/openapi/admin.json")]
    [InlineData("/openapi/ADMIN.json")]
    [InlineData("/openapi/v1.json")]
    public async Task AdminDocument_PublicListener_Is404(string path)
    {
        using var response = await gateway.CreateHttpsClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
    }
}
