using Gateway.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Docs;

/// <summary>
/// Per admin operation, from the policies the endpoint really has: the roles it needs as a security requirement,
/// and the 401/403 problem answers that go with them; 400 where the caller sends something to validate.
/// </summary>
internal sealed class AdminApiOperationTransformer : IOpenApiOperationTransformer
{
    private const string Problem = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        string[] roles = policies.Contains(AdminAuth.WritePolicy) ? [StaffRoles.Admin] : [StaffRoles.Admin, StaffRoles.Auditor];
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminApiDocumentTransformer.KeyScheme, context.Document)] = [.. roles] },
        ];
        operation.Description = string.Join(' ', new[] { operation.Description, $"Role: {string.Join(" or ", roles)}." }.Where(s => !string.IsNullOrEmpty(s)));
        operation.Responses ??= [];
        if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
        {
            operation.Responses.TryAdd("400", ProblemResponse(context.Document, "A value is not valid; `errors` names the field."));
        }

        operation.Responses.TryAdd("401", ProblemResponse(context.Document, "No valid admin API key or staff sign-in."));
        if (roles.Length == 1)
        {
            operation.Responses.TryAdd("403", ProblemResponse(context.Document, "Signed in, but without the admin role."));
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument? document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problem] = new() { Schema = new OpenApiSchemaReference(AdminApiDocumentTransformer.ProblemSchema, document) },
        },
    };
}
