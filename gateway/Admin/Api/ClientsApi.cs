using Gateway.Clients;
using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>Client policy and lifecycle over HTTP (the billing system's hook calls these); every change goes through <see cref="ClientService"/>.</summary>
public static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/", ListAsync).WithName("ListClients").WithSummary("Clients with a stored policy or state.");
        clients.MapGet("/{clientId:long}", GetAsync).WithName("GetClient").WithSummary("A client's policy, state and live token count (defaults when nothing is stored).");
        clients.MapPatch("/{clientId:long}/policy", SetPolicyAsync).WithName("SetClientPolicy")
            .WithSummary("Change what the client may do in the portal: portalAllowed, portalScopes (null = all), maxLiveTokens, maxLifetimeDays (null = none).")
            .RequireAuthorization(AdminAuth.WritePolicy);
        clients.MapPost("/{clientId:long}/suspend", SuspendAsync).WithName("SuspendClient")
            .WithSummary("Every token of the client answers 401 until resumed; its portal sessions end.").RequireAuthorization(AdminAuth.WritePolicy);
        clients.MapPost("/{clientId:long}/resume", ResumeAsync).WithName("ResumeClient")
            .WithSummary("Active again: tokens that were not revoked work again.").RequireAuthorization(AdminAuth.WritePolicy);
        clients.MapPost("/{clientId:long}/close", CloseAsync).WithName("CloseClient")
            .WithSummary("Closed: every token revoked (reason client_closed), no new ones, portal refused.").RequireAuthorization(AdminAuth.WritePolicy);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ClientView>>> ListAsync(ClientService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(cancellationToken));

    private static async Task<Ok<ClientView>> GetAsync(ClientService service, long clientId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(clientId, cancellationToken));

    private static async Task<Ok<ClientView>> SetPolicyAsync(
        ClientService service, long clientId, ClientPolicyRequest request, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SetPolicyAsync(clientId, request.ToEdit(), AdminAuth.Actor(http.User), cancellationToken));

    private static async Task<Ok<ClientView>> SuspendAsync(
        ClientService service, long clientId, RevokeRequest? request, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SuspendAsync(clientId, AdminAuth.Actor(http.User), request?.Reason, cancellationToken));

    private static async Task<Ok<ClientView>> ResumeAsync(
        ClientService service, long clientId, RevokeRequest? request, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ResumeAsync(clientId, AdminAuth.Actor(http.User), request?.Reason, cancellationToken));

    private static async Task<Ok<ClientView>> CloseAsync(
        ClientService service, long clientId, RevokeRequest? request, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CloseAsync(clientId, AdminAuth.Actor(http.User), request?.Reason, cancellationToken));
}

/// <summary>
/// Body of <c>PATCH /clients/{id}/policy</c>: absent members stay as they are. <c>portalScopes</c> is a list, or
/// <c>["*"]</c> for every scope; <c>maxLifetimeDays</c> is a number, or 0 for no per-client maximum.
/// </summary>
public sealed record ClientPolicyRequest(bool? PortalAllowed, IReadOnlyList<string>? PortalScopes, int? MaxLiveTokens, int? MaxLifetimeDays)
{
    public ClientPolicyEdit ToEdit() => new()
    {
        PortalAllowed = PortalAllowed,
        PortalScopes = PortalScopes is null ? null : new Change<IReadOnlyList<string>?>(PortalScopes is ["*"] ? null : PortalScopes),
        MaxLiveTokens = MaxLiveTokens,
        MaxLifetimeDays = MaxLifetimeDays is null ? null : new Change<int?>(MaxLifetimeDays == 0 ? null : MaxLifetimeDays),
    };
}
