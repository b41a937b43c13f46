using Gateway.Tokens;

namespace Gateway.Clients;

/// <summary>
/// A client's own tokens, as the portal offers them: the same <see cref="TokenService"/> underneath, plus what the
/// client's policy says (portal allowed, scopes it may grant, most live tokens) and ownership — another client's
/// token is "no such token" (null), never a different answer that would tell it exists.
/// </summary>
public sealed class ClientTokenService(TokenService tokens, ClientService clients, ExpiryRules expiry, TokenLifetime lifetime)
{
    /// <summary>How a client is named as the actor of its own changes: <c>client:42</c>.</summary>
    public static string Actor(long clientId) => $"client:{clientId}";

    /// <summary>The client's standing in the portal: its policy, state and what it may grant.</summary>
    public Task<ClientView> AccessAsync(long clientId, CancellationToken cancellationToken = default) => clients.GetAsync(clientId, cancellationToken);

    /// <summary>The date the create form pre-fills for this client (today + 1 year, or its maximum).</summary>
    public DateOnly DefaultExpiry(ClientView client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return expiry.Default(client.Policy.MaxLifetimeDays);
    }

    /// <summary>The latest expiry this client may choose today, or null when none applies.</summary>
    public DateOnly? LatestExpiry(ClientView client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return expiry.Latest(client.Policy.MaxLifetimeDays);
    }

    /// <summary>The client's tokens that still mean something to it: live (retiring ones included) and expired; newest first.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(long clientId, CancellationToken cancellationToken = default)
    {
        var all = await tokens.ListAsync(clientId, cancellationToken);
        return [.. all.Where(t => t.Status != TokenStatus.Revoked)];
    }

    /// <summary>How long a revoked token stays on the client's page, with why it was revoked.</summary>
    public static readonly TimeSpan RevokedShownFor = TimeSpan.FromDays(30);

    /// <summary>The client's tokens revoked within <see cref="RevokedShownFor"/>, newest first: what happened to them and why.</summary>
    public async Task<IReadOnlyList<TokenView>> RecentlyRevokedAsync(long clientId, CancellationToken cancellationToken = default)
    {
        var since = lifetime.UtcNow - RevokedShownFor;
        var all = await tokens.ListAsync(clientId, cancellationToken);
        return [.. all.Where(t => t.Status == TokenStatus.Revoked && t.RevokedAt >= since).OrderByDescending(t => t.RevokedAt)];
    }

    public async Task<TokenView?> GetAsync(long clientId, long id, CancellationToken cancellationToken = default) =>
        await tokens.GetAsync(id, cancellationToken) is { } token && token.ClientId == clientId && token.Status != TokenStatus.Revoked ? token : null;

    public async Task<CreatedToken> CreateAsync(long clientId, ClientTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await OpenAsync(clientId, cancellationToken);
        var refused = request.Scopes.Where(s => !client.GrantableScopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (refused.Count > 0)
        {
            throw TokenRules.Invalid("scopes", $"You may not grant {string.Join(", ", refused)}. Choose from: {string.Join(", ", client.GrantableScopes)}.");
        }

        if (request.Scopes.Count == 0)
        {
            throw TokenRules.Invalid("scopes", "Choose at least one scope.");
        }

        var spec = new TokenSpec
        {
            ClientId = clientId,
            Name = request.Name,
            Scopes = request.Scopes,
            AllowedIps = request.AllowedIps,
            ExpiresOn = request.ExpiresOn,
            NeverExpires = request.NeverExpires,
        };
        return await tokens.CreateAsync(spec, Actor(clientId), client.Policy.MaxLiveTokens, cancellationToken);
    }

    /// <summary>Name, allowed IPs and expiry only. Null when the client has no such token.</summary>
    public async Task<TokenView?> EditAsync(long clientId, long id, ClientTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await OpenAsync(clientId, cancellationToken);
        if (await GetAsync(clientId, id, cancellationToken) is null)
        {
            return null;
        }

        var edit = new TokenEdit
        {
            Name = request.Name,
            AllowedIps = request.AllowedIps,
            ExpiresOn = new Change<DateOnly?>(request.NeverExpires ? null : request.ExpiresOn ?? expiry.Default(client.Policy.MaxLifetimeDays)),
        };
        return await tokens.EditAsync(id, edit, Actor(clientId), cancellationToken);
    }

    /// <summary>A replacement with the same settings; the old one works until <paramref name="overlap"/> ends. Null when not the client's.</summary>
    public async Task<CreatedToken?> RollAsync(long clientId, long id, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        await OpenAsync(clientId, cancellationToken);
        return await GetAsync(clientId, id, cancellationToken) is null ? null : await tokens.RollAsync(id, overlap, Actor(clientId), cancellationToken);
    }

    /// <summary>Revokes one of the client's tokens now. Null when the client has no such token.</summary>
    public async Task<TokenView?> RevokeAsync(long clientId, long id, CancellationToken cancellationToken = default)
    {
        await OpenAsync(clientId, cancellationToken, allowSuspended: true);
        return await GetAsync(clientId, id, cancellationToken) is null ? null : await tokens.RevokeAsync(id, Actor(clientId), "Revoked by the client in the portal.", cancellationToken);
    }

    /// <summary>Revokes every live token of the client.</summary>
    public async Task<IReadOnlyList<TokenView>> RevokeAllAsync(long clientId, CancellationToken cancellationToken = default)
    {
        await OpenAsync(clientId, cancellationToken, allowSuspended: true);
        return await tokens.RevokeAllAsync(clientId, Actor(clientId), "Revoked by the client in the portal.", cancellationToken);
    }

    /// <summary>The client, when the portal is open to it; a suspended client may still revoke (never issue) tokens.</summary>
    private async Task<ClientView> OpenAsync(long clientId, CancellationToken cancellationToken, bool allowSuspended = false)
    {
        var client = await clients.GetAsync(clientId, cancellationToken);
        if (!client.Policy.PortalAllowed || client.State == ClientState.Closed || (client.State == ClientState.Suspended && !allowSuspended))
        {
            throw new ClientAccessException(client);
        }

        return client;
    }
}
