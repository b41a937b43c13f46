using Gateway.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>Staff accounts: auditors and admins read them; only admins change them. Every change is audited and ends the account's sessions where it must.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var staff = api.MapGroup("/staff").WithTags("Staff");
        staff.MapGet("/", async (StaffService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListStaff").WithSummary("Every staff account: role, status (active, locked, disabled), MFA, last sign-in.");
        staff.MapGet("/{id:long}", async Task<Results<Ok<StaffView>, NotFound>> (StaffService service, long id, CancellationToken ct) =>
                await service.GetAsync(id, ct) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound())
            .WithName("GetStaff");

        var write = staff.MapGroup("/").RequireAuthorization(AdminAuth.WritePolicy);
        write.MapPost("/", CreateAsync).WithName("CreateStaff").WithSummary("Create an account; admins enrol an authenticator at their first sign-in.");
        write.MapPut("/{id:long}/role", (StaffService s, long id, StaffRoleRequest body, HttpContext http, CancellationToken ct) =>
            Found(s.ChangeRoleAsync(id, body.Role ?? "", AdminAuth.Actor(http.User), ct)))
            .WithName("ChangeStaffRole").WithSummary("Change the role; the account's sessions end. The last enabled admin cannot be demoted.");
        write.MapPost("/{id:long}/disable", (StaffService s, long id, HttpContext http, CancellationToken ct) => Found(s.DisableAsync(id, AdminAuth.Actor(http.User), ct)))
            .WithName("DisableStaff").WithSummary("Stop the account signing in; its sessions end and its admin API keys stop working.");
        write.MapPost("/{id:long}/enable", (StaffService s, long id, HttpContext http, CancellationToken ct) => Found(s.EnableAsync(id, AdminAuth.Actor(http.User), ct)))
            .WithName("EnableStaff");
        write.MapPost("/{id:long}/reset-password", (StaffService s, long id, StaffPasswordRequest body, HttpContext http, CancellationToken ct) =>
            Found(s.ResetPasswordAsync(id, body.Password ?? "", AdminAuth.Actor(http.User), ct)))
            .WithName("ResetStaffPassword").WithSummary("Set a new password; lifts a lockout and ends the account's sessions.");
        write.MapPost("/{id:long}/reset-mfa", (StaffService s, long id, HttpContext http, CancellationToken ct) => Found(s.ResetMfaAsync(id, AdminAuth.Actor(http.User), ct)))
            .WithName("ResetStaffMfa").WithSummary("Forget the authenticator and recovery codes; the account enrols again at its next sign-in.");
        write.MapDelete("/{id:long}", (StaffService s, long id, HttpContext http, CancellationToken ct) => Found(s.DeleteAsync(id, AdminAuth.Actor(http.User), ct)))
            .WithName("DeleteStaff").WithSummary("Delete the account; its sessions end and its admin API keys are revoked. Not the last enabled admin.");
        return api;
    }

    private static async Task<Created<StaffView>> CreateAsync(StaffService service, CreateStaffRequest request, HttpContext http, CancellationToken ct)
    {
        var account = await service.CreateAsync(request.Username ?? "", request.Password ?? "", request.Role ?? "", AdminAuth.Actor(http.User), ct);
        return TypedResults.Created($"/admin/api/v1/staff/{account.Id}", account);
    }

    private static async Task<Results<Ok<StaffView>, NotFound>> Found(Task<StaffView?> change) =>
        await change is { } account ? TypedResults.Ok(account) : TypedResults.NotFound();
}

public sealed record CreateStaffRequest(string? Username, string? Password, string? Role);

public sealed record StaffRoleRequest(string? Role);

public sealed record StaffPasswordRequest(string? Password);
