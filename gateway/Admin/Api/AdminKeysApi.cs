using Gateway.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>Admin API keys; only admins see or change them.</summary>
public static class AdminKeysApi
{
    public static RouteGroupBuilder MapAdminKeysApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/admin-keys").WithTags("Admin API keys").RequireAuthorization(AdminAuth.WritePolicy);
        keys.MapGet("/", async (AdminKeyService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListAdminKeys");
        keys.MapPost("/", CreateAsync).WithName("CreateAdminKey").WithSummary("Create a key; the plaintext is in this answer only.");
        keys.MapPost("/{id:long}/revoke", RevokeAsync).WithName("RevokeAdminKey");
        return api;
    }

    private static async Task<Created<CreatedAdminKeyResponse>> CreateAsync(
        AdminKeyService service, CreateAdminKeyRequest request, HttpContext http, CancellationToken ct)
    {
        // Owned by whoever creates it: the signed-in admin, or the owner of the key making the call.
        var (key, plaintext) = await service.CreateAsync(request.Name ?? "", request.Role ?? "", AdminAuth.StaffId(http.User) ?? 0, AdminAuth.Actor(http.User), ct);
        return TypedResults.Created($"/admin/api/v1/admin-keys/{key.Id}", new CreatedAdminKeyResponse(plaintext, key));
    }

    private static async Task<Results<Ok<AdminKeyView>, NotFound>> RevokeAsync(AdminKeyService service, long id, HttpContext http, CancellationToken ct) =>
        await service.RevokeAsync(id, AdminAuth.Actor(http.User), ct) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();
}

public sealed record CreateAdminKeyRequest(string? Name, string? Role);

public sealed record CreatedAdminKeyResponse(string Plaintext, AdminKeyView Key);
