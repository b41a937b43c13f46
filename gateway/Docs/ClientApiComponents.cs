using System.Text.Json.Nodes;
using Gateway.Hosting;
using Microsoft.OpenApi;

namespace Gateway.Docs;

/// <summary>
/// The shared parts of the client document: the billing backend's envelopes (DESIGN §6), the gateway's error
/// answers and headers (DESIGN §5), registered as components so every operation refers to the same ones.
/// </summary>
internal static class ClientApiComponents
{
    public const string BearerScheme = "bearerToken";

    private const string Json = "application/json";

    /// <summary>Status → (component name, description, message examples) of every error a client route can answer.</summary>
    private static readonly (int Status, string Name, string Description, string[] Messages)[] Errors =
    [
        (401, "Unauthenticated", "The token is missing, malformed, unknown, revoked or expired (one answer for all).", [ErrorResponses.Unauthenticated]),
        (403, "Forbidden", "The token lacks the route's scope (`required_scope` names it), the client address is not on the token's allowlist, or the request came over plain HTTP.",
            [ErrorResponses.ScopeMissing, ErrorResponses.IpNotAllowed, ErrorResponses.HttpsRequired]),
        (404, "NotFound", "No such route, or no such record for this client.", [ErrorResponses.NotFound]),
        (405, "MethodNotAllowed", "Only GET and HEAD are allowed.", [ErrorResponses.MethodNotAllowed]),
        (429, "TooManyRequests", "The token's rate limit, or the client address's limit of failed authentications, is used up.", [ErrorResponses.TooManyRequests]),
        (502, "UpstreamUnavailable", "The billing system could not be reached.", [ErrorResponses.UpstreamUnavailable]),
        (504, "UpstreamTimedOut", "The billing system did not answer in time.", [ErrorResponses.UpstreamTimedOut]),
    ];

    public static void Register(OpenApiDocument document, OpenApiSecurityScheme bearer)
    {
        document.AddComponent(BearerScheme, bearer);

        document.AddComponent("Record", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One record, with the fields the billing system returns for it.",
        });
        document.AddComponent("PageMeta", Object(
            ("current_page", Integer("The page of this answer, from 1.")),
            ("per_page", Integer("Records per page.")),
            ("total", Integer("Records on all pages.")),
            ("last_page", Integer("The number of the last page."))));
        document.AddComponent("RecordEnvelope", Object(("data", new OpenApiSchemaReference("Record", document))));
        document.AddComponent("ListEnvelope", Object(
            ("data", new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference("Record", document) }),
            ("meta", new OpenApiSchemaReference("PageMeta", document))));
        document.AddComponent("Error", Object(("message", Text("What went wrong."))));
        var forbidden = Object(("message", Text("What went wrong.")));
        forbidden.Properties!["required_scope"] = Text("The scope the route needs; only when that is the reason.");
        document.AddComponent("ForbiddenError", forbidden);

        document.AddComponent(RequestIdHeader, Header("The id of this request, to quote to support.", JsonSchemaType.String));
        document.AddComponent("X-RateLimit-Limit", Header("Requests the token may make in the current window.", JsonSchemaType.Integer));
        document.AddComponent("X-RateLimit-Remaining", Header("Requests left in the current window.", JsonSchemaType.Integer));
        document.AddComponent("X-RateLimit-Reset", Header("When the current window ends, in Unix epoch seconds.", JsonSchemaType.Integer));

        foreach (var (status, name, description, messages) in Errors)
        {
            document.AddComponent(name, ErrorResponse(document, status, description, messages));
        }
    }

    /// <summary>The error answers every client operation can give, as references to the components.</summary>
    public static IEnumerable<(string Status, IOpenApiResponse Response)> Failures(OpenApiDocument document) =>
        Errors.Select(e => (e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), (IOpenApiResponse)new OpenApiResponseReference(e.Name, document)));

    /// <summary>200: the backend's envelope (none for HEAD) with the rate-limit and request-id headers.</summary>
    public static OpenApiResponse Success(OpenApiDocument document, string description, bool isList, bool withBody) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["X-RateLimit-Limit"] = new OpenApiHeaderReference("X-RateLimit-Limit", document),
            ["X-RateLimit-Remaining"] = new OpenApiHeaderReference("X-RateLimit-Remaining", document),
            ["X-RateLimit-Reset"] = new OpenApiHeaderReference("X-RateLimit-Reset", document),
            [RequestIdHeader] = new OpenApiHeaderReference(RequestIdHeader, document),
        },
        Content = withBody
            ? new Dictionary<string, OpenApiMediaType>
            {
                [Json] = new() { Schema = new OpenApiSchemaReference(isList ? "ListEnvelope" : "RecordEnvelope", document) },
            }
            : null,
    };

    private const string RequestIdHeader = RequestIdMiddleware.HeaderName;

    private static OpenApiResponse ErrorResponse(OpenApiDocument document, int status, string description, string[] messages)
    {
        var headers = new Dictionary<string, IOpenApiHeader> { [RequestIdHeader] = new OpenApiHeaderReference(RequestIdHeader, document) };
        switch (status)
        {
            case 401:
                headers["WWW-Authenticate"] = Header("`Bearer`.", JsonSchemaType.String);
                break;
            case 405:
                headers["Allow"] = Header("`GET, HEAD`.", JsonSchemaType.String);
                break;
            case 429:
                headers["Retry-After"] = Header("Seconds to wait before trying again.", JsonSchemaType.Integer);
                break;
        }

        var examples = messages.ToDictionary(
            message => message.TrimEnd('.'),
            message => (IOpenApiExample)new OpenApiExample { Value = Example(status, message) });
        return new OpenApiResponse
        {
            Description = description,
            Headers = headers,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [Json] = new()
                {
                    Schema = new OpenApiSchemaReference(status == 403 ? "ForbiddenError" : "Error", document),
                    Examples = examples,
                },
            },
        };
    }

    private static JsonObject Example(int status, string message)
    {
        var body = new JsonObject { ["message"] = message };
        if (status == 403 && message == ErrorResponses.ScopeMissing)
        {
            body["required_scope"] = "account:read";
        }

        return body;
    }

    private static OpenApiSchema Object(params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
        Required = properties.Select(p => p.Name).ToHashSet(),
    };

    private static OpenApiSchema Integer(string description) => new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiHeader Header(string description, JsonSchemaType type) => new() { Description = description, Schema = new OpenApiSchema { Type = type } };
}
