using System.Text.Json.Serialization;
using Gateway.Auth;
using Gateway.Hosting;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Gateway.Usage;

namespace Gateway.SelfCheck;

/// <summary>
/// <c>GET /api/v1/token</c>: the gateway answers itself (nothing reaches the backend) with what the presented token
/// may do — any valid token, no scope needed, the allowlist and the token's rate limit apply as on every route.
/// Never the secret or its hash.
/// </summary>
public static class TokenSelfCheck
{
    public const string Path = "/api/v1/token";

    /// <summary>A valid token from an allowed address; no scope.</summary>
    public const string Policy = "token:any";

    public static IHostApplicationBuilder AddGatewaySelfCheck(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(TokenAuthenticationDefaults.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new IpAllowlistRequirement()));
        return builder;
    }

    public static WebApplication MapGatewaySelfCheck(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(Path, ["GET", "HEAD"], AnswerAsync)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimitingOptions.TokenPolicy)
            .WithMetadata(new ListenerMetadata(Listener.PublicName))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task AnswerAsync(HttpContext context, TokenService tokens, LastUsedRecorder usage)
    {
        var identity = context.Features.Get<TokenAuthenticationFeature>()?.Identity;
        // Authorization guarantees an identity; a token deleted since it was cached is simply unknown now.
        if (identity is null || await tokens.GetAsync(identity.TokenId, context.RequestAborted) is not { } token)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorResponses.Unauthenticated);
            return;
        }

        usage.Record(identity.TokenId, context.Connection.RemoteIpAddress);
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsJsonAsync(new SelfCheckEnvelope(TokenSelfView.From(token, identity)), context.RequestAborted);
        }
    }

    /// <summary>The billing API's detail envelope.</summary>
    internal sealed record SelfCheckEnvelope([property: JsonPropertyName("data")] TokenSelfView Data);

    /// <summary>What the self-check answers, in the billing API's own snake_case.</summary>
    internal sealed record TokenSelfView(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("client_id")] long ClientId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("hint")] string Hint,
        [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
        [property: JsonPropertyName("allowed_ips")] IReadOnlyList<string> AllowedIps,
        [property: JsonPropertyName("expires_on")] string? ExpiresOn,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("last_used_at")] DateTime? LastUsedAt)
    {
        /// <summary>Scopes as the gateway grants them (the token's own and its roles'), which is what the token may call.</summary>
        public static TokenSelfView From(TokenView token, TokenIdentity identity) => new(
            token.Id,
            token.ClientId,
            token.Name,
            token.Hint,
            [.. identity.GrantedScopes.Order(StringComparer.Ordinal)],
            token.AllowedIps,
            token.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            token.CreatedAt,
            token.LastUsedAt);
    }
}
