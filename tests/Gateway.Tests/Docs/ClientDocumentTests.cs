using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using static Gateway.Tests.Docs.OpenApiJson;

namespace Gateway.Tests.Docs;

/// <summary>The client document at <c>/openapi/client.json</c>: the 10 routes of DESIGN §5, written from yarp.json.</summary>
public sealed class ClientDocumentTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Document = "/openapi/client.json";

    /// <summary>DESIGN §5: path → scope, and whether the backend answers a page (DESIGN §6).</summary>
    /// <summary>Answered by the gateway itself (TokenSelfCheckTests); every other path is a proxied route.</summary>
    private const string SelfCheckPath = "/api/v1/token";

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> ProxiedOperations(JsonElement document) =>
        Operations(document).Where(o => o.Path != SelfCheckPath);

    private static readonly Dictionary<string, (string Scope, bool IsList)> Routes = new()
    {
        ["/api/v1/me"] = (ScopeCatalog.AccountRead, false),
        ["/api/v1/invoices"] = (ScopeCatalog.AccountRead, true),
        ["/api/v1/invoices/{id}"] = (ScopeCatalog.AccountRead, false),
        ["/api/v1/orders"] = (ScopeCatalog.AccountRead, true),
        ["/api/v1/orders/{id}"] = (ScopeCatalog.AccountRead, false),
        ["/api/v1/services"] = (ScopeCatalog.HostingRead, true),
        ["/api/v1/services/{id}"] = (ScopeCatalog.HostingRead, false),
        ["/api/v1/domains"] = (ScopeCatalog.DomainsRead, true),
        ["/api/v1/domains/{id}"] = (ScopeCatalog.DomainsRead, false),
        ["/api/v1/domains/{id}/dns"] = (ScopeCatalog.DnsRead, true),
    };

    [Fact]
    public async Task ClientDocument_PublicListener_ListsExactlyTheTenRoutesWithGetHeadAndTheirScope()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        Assert.Equal(Routes.Keys.Append(SelfCheckPath).Order(StringComparer.Ordinal), Names(document.GetProperty("paths")).Order(StringComparer.Ordinal));
        foreach (var (path, (scope, _)) in Routes)
        {
            var item = document.GetProperty("paths").GetProperty(path);
            Assert.Equal(["get", "head"], Names(item).Order(StringComparer.Ordinal));
            foreach (var operation in item.EnumerateObject())
            {
                var requirement = Assert.Single(operation.Value.GetProperty("security").EnumerateArray());
                var scopes = requirement.GetProperty("bearerToken").EnumerateArray().Select(s => s.GetString());
                Assert.Equal([scope], scopes);
                Assert.Contains(scope, operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ClientDocument_Routes_HaveInt64IdAndPagingOnListsOnly()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        foreach (var (path, method, operation) in ProxiedOperations(document))
        {
            var parameters = operation.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => Resolve(document, p)).ToDictionary(p => p.GetProperty("name").GetString()!)
                : [];
            var expected = new List<string>();
            if (path.Contains("{id}", StringComparison.Ordinal))
            {
                expected.Add("id");
                var id = parameters["id"];
                Assert.Equal("path", id.GetProperty("in").GetString());
                Assert.True(id.GetProperty("required").GetBoolean());
                Assert.Equal("integer", id.GetProperty("schema").GetProperty("type").GetString());
                Assert.Equal("int64", id.GetProperty("schema").GetProperty("format").GetString());
            }

            if (Routes[path].IsList)
            {
                expected.AddRange(["page", "per_page"]);
                Assert.Equal("query", parameters["page"].GetProperty("in").GetString());
                Assert.Equal(1, parameters["page"].GetProperty("schema").GetProperty("minimum").GetInt32());
                Assert.Equal(25, parameters["per_page"].GetProperty("schema").GetProperty("default").GetInt32());
                Assert.Equal(100, parameters["per_page"].GetProperty("schema").GetProperty("maximum").GetInt32());
            }

            Assert.True(expected.Order().SequenceEqual(parameters.Keys.Order()), $"{method} {path}: {string.Join(", ", parameters.Keys)}");
        }
    }

    [Fact]
    public async Task ClientDocument_EveryOperation_AnswersInTheBackendsShapeWithRateLimitHeaders()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        foreach (var (path, method, operation) in ProxiedOperations(document))
        {
            var responses = operation.GetProperty("responses");
            Assert.Equal(ClientStatuses, Names(responses));
            var ok = Resolve(document, responses.GetProperty("200"));
            Assert.Equal(
                ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Request-Id"],
                Names(ok.GetProperty("headers")).Order(StringComparer.Ordinal));
            if (method == "head")
            {
                Assert.False(ok.TryGetProperty("content", out _), $"HEAD {path} has a body");
                continue;
            }

            var body = Property(document, ok.GetProperty("content").GetProperty("application/json"), "schema");
            var data = Property(document, body.GetProperty("properties"), "data");
            if (Routes[path].IsList)
            {
                Assert.Equal("array", data.GetProperty("type").GetString());
                var meta = Property(document, body.GetProperty("properties"), "meta");
                Assert.Equal(["current_page", "last_page", "per_page", "total"], Names(meta.GetProperty("properties")).Order(StringComparer.Ordinal));
            }
            else
            {
                Assert.Equal("object", data.GetProperty("type").GetString());
                Assert.False(body.GetProperty("properties").TryGetProperty("meta", out _));
            }
        }
    }

    [Theory]
    [InlineData("401", "Unauthenticated.", "WWW-Authenticate")]
    [InlineData("403", "This token does not have the required scope.", null)]
    [InlineData("404", "Not found.", null)]
    [InlineData("405", "Method not allowed.", "Allow")]
    [InlineData("429", "Too many requests.", "Retry-After")]
    [InlineData("502", "Upstream unavailable.", null)]
    [InlineData("504", "Upstream timed out.", null)]
    public async Task ClientDocument_ErrorAnswer_IsMessageBodyWithItsExample(string status, string message, string? header)
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);
        var operation = document.GetProperty("paths").GetProperty("/api/v1/invoices").GetProperty("get");

        var response = Resolve(document, operation.GetProperty("responses").GetProperty(status));
        var json = response.GetProperty("content").GetProperty("application/json");
        var schema = Resolve(document, json.GetProperty("schema"));

        Assert.Equal(["message"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("message").GetProperty("type").GetString());
        Assert.Equal(status == "403", schema.GetProperty("properties").TryGetProperty("required_scope", out _));
        var examples = json.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value")).ToList();
        Assert.Contains(examples, e => e.GetProperty("message").GetString() == message);
        if (header is not null)
        {
            Assert.True(response.GetProperty("headers").TryGetProperty(header, out _), $"{status} lacks {header}");
        }
    }

    [Fact]
    public async Task ClientDocument_BearerScheme_NamesTokenFormatAndEveryScope()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearerToken");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.StartsWith("opt_live_", scheme.GetProperty("bearerFormat").GetString(), StringComparison.Ordinal);
        var description = scheme.GetProperty("description").GetString()!;
        Assert.All(ScopeCatalog.All, scope => Assert.Contains($"`{scope}`", description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientDocument_Anonymous_HasNoAdminHealthOrDocsEndpoints()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        Assert.All(Names(document.GetProperty("paths")), path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
        Assert.DoesNotContain("/admin/", document.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/client.json")]
    [InlineData("/openapi/CLIENT.json")]
    [InlineData("/openapi/v1.json")]
    public async Task ClientDocument_AdminListener_Is404(string path)
    {
        using var response = await gateway.CreateAdminClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ClientDocument_HeadAndGet_HaveDistinctOperationIds()
    {
        var document = await FetchAsync(gateway.CreateHttpsClient(), Document);

        var ids = ProxiedOperations(document).Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();

        Assert.Equal(20, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("getDomainDns", ids);
        Assert.Equal(JsonValueKind.String, document.GetProperty("info").GetProperty("description").ValueKind);
    }
}
