using Gateway.Audit;
using Gateway.Data;
using Gateway.Notices;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Clients;

/// <summary>
/// The one place that decides what a client's policy and state mean (DESIGN §4). Staff set the policy (admin UI, admin
/// API, CLI); the billing system reports the state (its hook calls the admin API): suspended clients' tokens answer 401
/// until resumed, closed clients' tokens are revoked. Every change is audited and ends cached validations at once.
/// </summary>
public sealed class ClientService(
    IDbContextFactory<GatewayDbContext> db,
    TokenService tokens,
    TokenChanges changes,
    TokenLifetime lifetime,
    SessionStore sessions,
    ScopeCatalog scopes,
    IStaffAuditLog audit,
    NoticeEvents events)
{
    /// <summary>The reason recorded on tokens revoked because their client was closed.</summary>
    public const string ClosedReason = "client_closed";

    public async Task<ClientView> GetAsync(long clientId, CancellationToken cancellationToken = default)
    {
        EnsureId(clientId);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await ClientRules.FindAsync(context, clientId, cancellationToken);
        return ToView(clientId, row, await CountLiveAsync(context, clientId, cancellationToken));
    }

    /// <summary>Clients the gateway holds a record for (a policy or state was ever set), by id.</summary>
    public async Task<IReadOnlyList<ClientView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.Clients.AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(cancellationToken);
        var views = new List<ClientView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(ToView(row.ClientId, row, await CountLiveAsync(context, row.ClientId, cancellationToken)));
        }

        return views;
    }

    /// <summary>Changes what the client may do; tokens it already has keep their settings.</summary>
    public async Task<ClientView> SetPolicyAsync(long clientId, ClientPolicyEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        EnsureId(clientId);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Clients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        var live = await CountLiveAsync(context, clientId, cancellationToken);
        var before = ToView(clientId, row, live);
        var policy = edit.ApplyTo(before.Policy);
        Validate(policy);
        row ??= context.Clients.Add(new ClientAccount { ClientId = clientId }).Entity;
        row.PortalAllowed = policy.PortalAllowed;
        row.PortalScopes = policy.PortalScopes is null ? null : [.. policy.PortalScopes.Distinct(StringComparer.Ordinal)];
        row.MaxLiveTokens = policy.MaxLiveTokens;
        row.MaxLifetimeDays = policy.MaxLifetimeDays;
        row.UpdatedAt = lifetime.UtcNow;
        await SaveAsync(context, cancellationToken);
        var after = ToView(clientId, row, live);
        audit.Record(new StaffAction("client.policy_changed", actor, Target(clientId), before, after));
        if (!policy.PortalAllowed)
        {
            await sessions.EndAllAsync(SessionSubject.Client(clientId), SessionEndReasons.AccountChanged, CancellationToken.None);
        }

        return after;
    }

    /// <summary>Every token of the client answers 401 until <see cref="ResumeAsync"/>; its portal sessions end.</summary>
    public Task<ClientView> SuspendAsync(long clientId, string actor, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(clientId, ClientState.Suspended, "client.suspended", actor, reason, cancellationToken);

    /// <summary>Back to active: tokens that were not revoked work again.</summary>
    public Task<ClientView> ResumeAsync(long clientId, string actor, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(clientId, ClientState.Active, "client.resumed", actor, reason, cancellationToken);

    /// <summary>
    /// Closed for good (the billing system closed or deleted the account): the state is stored first, so the request
    /// path refuses every token at once, then every live token is revoked with the reason <c>client_closed</c>.
    /// </summary>
    public async Task<ClientView> CloseAsync(long clientId, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        await ChangeStateAsync(clientId, ClientState.Closed, "client.closed", actor, reason, cancellationToken);
        await tokens.RevokeAllAsync(clientId, actor, ClosedReason, RevokeKinds.ClientClosed, cancellationToken);
        return await GetAsync(clientId, cancellationToken);
    }

    private async Task<ClientView> ChangeStateAsync(
        long clientId, ClientState state, string action, string actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        EnsureId(clientId);
        if (reason is { Length: > TokenService.MaxReasonLength })
        {
            throw TokenRules.Invalid("reason", $"Reason must be at most {TokenService.MaxReasonLength} characters.");
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Clients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        var live = await CountLiveAsync(context, clientId, cancellationToken);
        var before = ToView(clientId, row, live);
        if (before.State == state)
        {
            // The billing system may report the same state twice (a hook retried): nothing changes, nothing is announced.
            return before;
        }

        row ??= context.Clients.Add(new ClientAccount { ClientId = clientId }).Entity;
        var now = lifetime.UtcNow;
        row.State = state;
        row.StateChangedAt = now;
        row.StateChangedBy = actor;
        row.StateReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        row.UpdatedAt = now;
        // The webhook event commits with the state change itself (the notice outbox).
        events.AddClient(context, EventType(state), clientId, state.ToString().ToLowerInvariant(), row.StateReason, actor);
        await SaveAsync(context, cancellationToken);
        events.Committed();

        // Cached validations carry the client's state: drop them here and on every other instance.
        var hashes = await context.Tokens.AsNoTracking().Where(t => t.ClientId == clientId).Select(t => t.TokenHash).ToListAsync(cancellationToken);
        await changes.TokensChangedAsync(hashes, CancellationToken.None);
        var after = ToView(clientId, row, live);
        audit.Record(new StaffAction(action, actor, Target(clientId), before, after));
        if (state != ClientState.Active)
        {
            // Portal sessions end with the account's standing, on every instance (the session store broadcasts it).
            var why = state == ClientState.Closed ? SessionEndReasons.ClientClosed : SessionEndReasons.ClientSuspended;
            await sessions.EndAllAsync(SessionSubject.Client(clientId), why, CancellationToken.None);
        }

        return after;
    }

    private static string EventType(ClientState state) => state switch
    {
        ClientState.Suspended => NoticeEventTypes.ClientSuspended,
        ClientState.Closed => NoticeEventTypes.ClientClosed,
        _ => NoticeEventTypes.ClientResumed,
    };

    private static async Task SaveAsync(GatewayDbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (context.ChangeTracker.Entries<ClientAccount>().Any(e => e.State == EntityState.Added))
        {
            // Two first changes of one client at once: the other writer made the row; ask the caller to repeat.
            throw TokenRules.Invalid("clientId", "The client was changed at the same moment; try again.");
        }
    }

    internal static Task<int> CountLiveAsync(GatewayDbContext context, long clientId, DateTime now, CancellationToken cancellationToken) =>
        context.Tokens.CountAsync(t => t.ClientId == clientId && (t.RevokedAt == null || t.RevokedAt > now), cancellationToken);

    private Task<int> CountLiveAsync(GatewayDbContext context, long clientId, CancellationToken cancellationToken) =>
        CountLiveAsync(context, clientId, lifetime.UtcNow, cancellationToken);

    private void Validate(ClientPolicy policy)
    {
        var errors = new Dictionary<string, string[]>();
        if (policy.PortalScopes is { } portalScopes && scopes.UnknownScopesError(portalScopes) is { } unknown)
        {
            errors["portalScopes"] = [unknown];
        }

        if (policy.MaxLiveTokens is < 0 or > ClientPolicy.MaxMaxLiveTokens)
        {
            errors["maxLiveTokens"] = [$"Most live tokens must be between 0 and {ClientPolicy.MaxMaxLiveTokens}."];
        }

        if (policy.MaxLifetimeDays is < 1 or > ClientPolicy.MaxLifetimeDaysLimit)
        {
            errors["maxLifetimeDays"] = [$"Maximum lifetime must be between 1 and {ClientPolicy.MaxLifetimeDaysLimit} days, or none."];
        }

        if (errors.Count > 0)
        {
            throw new TokenValidationException(errors);
        }
    }

    private static void EnsureId(long clientId)
    {
        if (clientId <= 0)
        {
            throw TokenRules.Invalid("clientId", "Client id must be a positive number.");
        }
    }

    private static string Target(long clientId) => $"client:{clientId}";

    private ClientView ToView(long clientId, ClientAccount? row, int liveTokens)
    {
        var policy = row is null
            ? ClientPolicy.Default
            : new ClientPolicy
            {
                PortalAllowed = row.PortalAllowed,
                PortalScopes = row.PortalScopes,
                MaxLiveTokens = row.MaxLiveTokens,
                MaxLifetimeDays = row.MaxLifetimeDays,
            };
        return new ClientView
        {
            ClientId = clientId,
            State = row?.State ?? ClientState.Active,
            StateChangedAt = row?.StateChangedAt,
            StateChangedBy = row?.StateChangedBy,
            StateReason = row?.StateReason,
            Policy = policy,
            GrantableScopes = policy.PortalScopes is { } allowed ? [.. scopes.Names.Where(allowed.Contains)] : scopes.Names,
            LiveTokens = liveTokens,
            Stored = row is not null,
        };
    }
}
