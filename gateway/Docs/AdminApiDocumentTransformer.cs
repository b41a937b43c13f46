using Gateway.Staff;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Docs;

/// <summary>The admin document's title, prose and security scheme: admin API keys, or a staff sign-in in a browser.</summary>
internal sealed class AdminApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string KeyScheme = "adminKey";
    public const string ProblemSchema = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Token gateway admin API",
            Version = "v1",
            Description = """
                Staff manage client API tokens, roles and admin API keys here. Every change goes through the same
                token services as the admin UI and the `gateway` command line.

                **Authentication.** Scripts send an admin API key as `Authorization: Bearer opt_admin_…` (create one
                in the admin UI under Keys, or with `gateway admin keys create`). In a browser, signing in to the
                admin UI at `/signin` is enough: the staff cookie authenticates these endpoints too. Auditors may
                read; every change needs the admin role.

                **Errors** are RFC 9457 problem details; a validation error names the field.
                """,
        };
        document.AddComponent(KeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = AdminKeyService.Format.Prefix + "…",
            Description = "An admin API key, with the role (admin or auditor) it was created with. " +
                "A browser signed in to the admin UI is authenticated by its staff cookie instead.",
        });
        document.AddComponent(ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Validation errors: the field, and what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        });
        return Task.CompletedTask;
    }
}
