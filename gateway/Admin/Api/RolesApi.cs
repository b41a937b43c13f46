using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>Roles (named scope sets) over HTTP, through <see cref="RoleService"/>.</summary>
public static class RolesApi
{
    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", async (RoleService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListRoles").WithSummary("Roles with how many tokens hold each.");
        roles.MapGet("/{name}", GetAsync).WithName("GetRole");
        roles.MapPost("/", CreateAsync).WithName("CreateRole").RequireAuthorization(AdminAuth.WritePolicy);
        roles.MapPut("/{name}", EditAsync).WithName("EditRole").WithSummary("Replace a role; every token holding it changes with it.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        roles.MapDelete("/{name}", DeleteAsync).WithName("DeleteRole").WithSummary("Delete a role; the answer says how many tokens lost it.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        return api;
    }

    private static async Task<Results<Ok<RoleView>, NotFound>> GetAsync(RoleService service, string name, CancellationToken ct) =>
        await service.GetAsync(name, ct) is { } role ? TypedResults.Ok(role) : TypedResults.NotFound();

    private static async Task<Created<RoleView>> CreateAsync(RoleService service, RoleRequest request, HttpContext http, CancellationToken ct)
    {
        var role = await service.CreateAsync(request.ToSpec(), AdminAuth.Actor(http.User), ct);
        return TypedResults.Created($"/admin/api/v1/roles/{role.Name}", role);
    }

    private static async Task<Results<Ok<RoleView>, NotFound>> EditAsync(RoleService service, string name, RoleRequest request, HttpContext http, CancellationToken ct) =>
        await service.EditAsync(name, request.ToSpec(), AdminAuth.Actor(http.User), ct) is { } role ? TypedResults.Ok(role) : TypedResults.NotFound();

    private static async Task<Results<Ok<RoleView>, NotFound>> DeleteAsync(RoleService service, string name, HttpContext http, CancellationToken ct) =>
        await service.DeleteAsync(name, AdminAuth.Actor(http.User), ct) is { } role ? TypedResults.Ok(role) : TypedResults.NotFound();
}

/// <summary>Body of role create and replace; missing members count as empty.</summary>
public sealed record RoleRequest(string? Name, string? Description, IReadOnlyList<string>? Scopes)
{
    public RoleSpec ToSpec() => new() { Name = Name ?? "", Description = Description, Scopes = Scopes ?? [] };
}
