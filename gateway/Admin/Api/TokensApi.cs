using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>The token lifecycle over HTTP; every change goes through <see cref="TokenService"/>.</summary>
public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListAsync).WithName("ListTokens").WithSummary("List tokens (filter by client, name, status; paged).");
        tokens.MapGet("/{id:long}", GetAsync).WithName("GetToken").WithSummary("One token (never the token itself).");
        tokens.MapPost("/", CreateAsync).WithName("CreateToken").WithSummary("Create a token; the plaintext is in this answer only.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        tokens.MapPatch("/{id:long}", EditAsync).WithName("EditToken").WithSummary("Change name, scopes, roles, allowed IPs, expiry or limit.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        tokens.MapPost("/{id:long}/roll", RollAsync).WithName("RollToken").WithSummary("Issue a replacement; the old token works until the overlap ends.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        tokens.MapPost("/{id:long}/revoke", RevokeAsync).WithName("RevokeToken").WithSummary("Revoke now.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        tokens.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteToken").WithSummary("Delete an expired or revoked token.")
            .RequireAuthorization(AdminAuth.WritePolicy);
        api.MapPost("/clients/{clientId:long}/tokens/revoke", RevokeAllAsync).WithTags("Tokens").WithName("RevokeAllTokens")
            .WithSummary("Revoke every live token of a client.").RequireAuthorization(AdminAuth.WritePolicy);
        return api;
    }

    private static async Task<Ok<TokenPage>> ListAsync(
        TokenService service, long? client, string? search, string? status, int? page, int? perPage, CancellationToken cancellationToken)
    {
        var result = await service.QueryAsync(
            new TokenQuery { ClientId = client, Search = search, Status = ParseStatus(status), Page = page ?? 1, PerPage = perPage ?? 25 },
            cancellationToken);
        return TypedResults.Ok(new TokenPage(result.Items, new PageMeta(result.Page, result.PerPage, result.Total, result.LastPage)));
    }

    /// <summary>Statuses as the API writes them: active, expiring_soon, expired, revoked.</summary>
    private static TokenStatus? ParseStatus(string? status) => status switch
    {
        null or "" => null,
        "active" => TokenStatus.Active,
        "expiring_soon" => TokenStatus.ExpiringSoon,
        "expired" => TokenStatus.Expired,
        "revoked" => TokenStatus.Revoked,
        _ => throw TokenRules.Invalid("status", $"'{status}' is not one of active, expiring_soon, expired, revoked."),
    };

    private static async Task<Results<Ok<TokenView>, NotFound>> GetAsync(TokenService service, long id, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } token ? TypedResults.Ok(token) : TypedResults.NotFound();

    private static async Task<Created<CreatedTokenResponse>> CreateAsync(
        TokenService service, CreateTokenRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(request.ToSpec(), AdminAuth.Actor(http.User), cancellationToken);
        return TypedResults.Created($"/admin/api/v1/tokens/{created.Token.Id}", new CreatedTokenResponse(created.Plaintext, created.Token));
    }

    private static async Task<Results<Ok<TokenView>, NotFound>> EditAsync(
        TokenService service, long id, EditTokenRequest request, HttpContext http, CancellationToken cancellationToken) =>
        await service.EditAsync(id, request.ToEdit(), AdminAuth.Actor(http.User), cancellationToken) is { } token
            ? TypedResults.Ok(token)
            : TypedResults.NotFound();

    private static async Task<Results<Created<CreatedTokenResponse>, NotFound>> RollAsync(
        TokenService service, long id, RollTokenRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.OverlapSeconds < 0)
        {
            throw TokenRules.Invalid("overlapSeconds", "Overlap cannot be negative.");
        }

        var created = await service.RollAsync(id, TimeSpan.FromSeconds(request.OverlapSeconds), AdminAuth.Actor(http.User), cancellationToken);
        return created is null
            ? TypedResults.NotFound()
            : TypedResults.Created($"/admin/api/v1/tokens/{created.Token.Id}", new CreatedTokenResponse(created.Plaintext, created.Token));
    }

    private static async Task<Results<Ok<TokenView>, NotFound>> RevokeAsync(
        TokenService service, long id, RevokeRequest? request, HttpContext http, CancellationToken cancellationToken) =>
        await service.RevokeAsync(id, AdminAuth.Actor(http.User), request?.Reason, cancellationToken) is { } token
            ? TypedResults.Ok(token)
            : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<TokenView>>> RevokeAllAsync(
        TokenService service, long clientId, RevokeRequest? request, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.RevokeAllAsync(clientId, AdminAuth.Actor(http.User), request?.Reason, cancellationToken));

    private static async Task<Results<Ok<TokenView>, NotFound>> DeleteAsync(TokenService service, long id, HttpContext http, CancellationToken cancellationToken) =>
        await service.DeleteAsync(id, AdminAuth.Actor(http.User), cancellationToken) is { } token ? TypedResults.Ok(token) : TypedResults.NotFound();
}
