using Gateway.SelfCheck;
using Microsoft.OpenApi;

namespace Gateway.Docs;

/// <summary><c>GET /api/v1/token</c> in the client document: answered by the gateway, any valid token, no scope.</summary>
internal static class SelfCheckOperation
{
    public const string Tag = "Token";

    public static void Add(OpenApiDocument document)
    {
        document.AddComponent("TokenSelf", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The token that made the request, as the gateway holds it. Never the token itself.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The token's id." },
                ["client_id"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The client whose data the token reads." },
                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The name given at creation." },
                ["hint"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The prefix and last four characters, to tell tokens apart." },
                ["scopes"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "Every scope the token grants (its own and its roles')." },
                ["allowed_ips"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "Addresses and ranges the token works from; empty means any." },
                ["expires_on"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date", Description = "Last valid day (through 23:59:59 server time); null: no expiry." },
                ["created_at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ["last_used_at"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time", Description = "Written in batches: may lag by the flush interval." },
            },
        });
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag, Description = "What the token you hold may do." });
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The token, in the `data` envelope.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema> { ["data"] = new OpenApiSchemaReference("TokenSelf", document) },
                        },
                    },
                },
            },
        };
        foreach (var (status, response) in ClientApiComponents.Failures(document).Where(f => f.Status is "401" or "403" or "405" or "429"))
        {
            responses[status] = response;
        }

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "getToken",
            Summary = "The token you are calling with: its id, name, scopes, expiry and times",
            Description = "Answered by the gateway itself (nothing reaches the billing system). Any valid token may call it; no scope is needed. The token's IP allowlist and rate limit apply.",
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ClientApiComponents.BearerScheme, document)] = [] }],
            Responses = responses,
        });
        document.Paths ??= [];
        document.Paths[TokenSelfCheck.Path] = item;
    }
}
