using Gateway.Audit;
using Gateway.Clients;
using Gateway.Data;
using Gateway.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tokens;

/// <summary>
/// The one place that decides what a token change means (DESIGN §1). The admin API, the admin UI and the
/// CLI call this; none of them touches the store directly. Every change drops the token from the cache, and writes
/// its event into the notice outbox in the same transaction (so a notice goes out if and only if the change happened).
/// </summary>
public sealed class TokenService(
    IDbContextFactory<GatewayDbContext> db,
    TokenFormat format,
    TokenChanges changes,
    TokenLifetime lifetime,
    ExpiryRules expiry,
    TokenViews views,
    ScopeCatalog scopes,
    IStaffAuditLog audit,
    NoticeEvents events)
{
    /// <summary>The longest a rolled token may keep working beside its replacement.</summary>
    public static readonly TimeSpan MaxRollOverlap = TimeSpan.FromDays(30);

    /// <summary>Creates a token; the returned plaintext is the only copy there will ever be.</summary>
    public Task<CreatedToken> CreateAsync(TokenSpec spec, string actor, CancellationToken cancellationToken = default) =>
        CreateAsync(spec, actor, liveTokenLimit: null, cancellationToken);

    /// <summary>Creates a token, refused when its client already holds <paramref name="liveTokenLimit"/> live ones.</summary>
    /// <param name="liveTokenLimit">
    /// The most live tokens the client may hold (the portal's per-client limit), or null. Counted in the same serializable
    /// transaction as the insert, so creates racing from several sessions or instances cannot pass it together.
    /// </param>
    public async Task<CreatedToken> CreateAsync(TokenSpec spec, string actor, int? liveTokenLimit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        spec = TokenSpecValidator.Normalize(spec);
        TokenSpecValidator.Validate(spec, scopes);
        var (created, plaintext) = await StoreTransactions.SerializableAsync(db, async context =>
        {
            var client = await ClientRules.EnsureAcceptsTokensAsync(context, spec.ClientId, cancellationToken);
            var resolved = spec with { ExpiresOn = expiry.Resolve(spec, client?.MaxLifetimeDays), NeverExpires = false };
            var roles = await TokenRules.ResolveRolesAsync(context, resolved.Roles, cancellationToken);
            await TokenRules.EnsureNameFreeAsync(context, resolved.ClientId, resolved.Name, exceptId: null, cancellationToken);
            if (liveTokenLimit is { } limit && await ClientService.CountLiveAsync(context, resolved.ClientId, lifetime.UtcNow, cancellationToken) >= limit)
            {
                throw TokenRules.Invalid("name", $"You already have {limit} live tokens, the most allowed: revoke one first.");
            }

            var (token, secret) = NewToken(resolved, roles, actor);
            context.Tokens.Add(token);
            await TokenRules.SaveAsync(context, resolved, exceptId: null, cancellationToken);
            var view = views.ToView(token);
            events.Add(context, NoticeEventTypes.TokenCreated, view, actor);
            await context.SaveChangesAsync(cancellationToken);
            return (view, secret);
        }, cancellationToken);
        events.Committed();
        audit.Record(new StaffAction("token.created", actor, Target(created), After: created));
        return new CreatedToken(created, plaintext);
    }

    /// <summary>Changes name, scopes, roles, allowed IPs, expiry or limit. Null when there is no such token.</summary>
    public async Task<TokenView?> EditAsync(long id, TokenEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await FindAsync(context, id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var before = views.ToView(token);
        var spec = TokenSpecValidator.Normalize(edit.ApplyTo(TokenViews.ToSpec(token)));
        TokenSpecValidator.Validate(spec, scopes);
        if (edit.ExpiresOn is { } change && change.Value != token.ExpiresOn)
        {
            // A new expiry obeys today's maximum; an unchanged one stays as it was set (even if now past or over it).
            var client = await ClientRules.FindAsync(context, token.ClientId, cancellationToken);
            spec = spec with { ExpiresOn = expiry.Resolve(spec, client?.MaxLifetimeDays) };
        }

        var roles = await TokenRules.ResolveRolesAsync(context, spec.Roles, cancellationToken);
        if (token.RevokedAt is null)
        {
            await TokenRules.EnsureNameFreeAsync(context, token.ClientId, spec.Name, exceptId: token.Id, cancellationToken);
        }

        token.Name = spec.Name;
        token.Scopes = [.. spec.Scopes.Distinct(StringComparer.Ordinal)];
        token.Roles = roles;
        token.AllowedIps = TokenRules.CleanIps(spec.AllowedIps);
        token.ExpiresOn = spec.ExpiresOn;
        token.RateLimitPerMinute = spec.RateLimitPerMinute;
        token.UpdatedAt = lifetime.UtcNow;
        var after = views.ToView(token);
        events.Add(context, NoticeEventTypes.TokenEdited, after, actor, new { Changed = TokenDiff.Changed(before, after) });
        await TokenRules.SaveAsync(context, spec, exceptId: token.Id, cancellationToken);
        events.Committed();
        await changes.TokenChangedAsync(token.TokenHash, CancellationToken.None);
        audit.Record(new StaffAction("token.edited", actor, Target(after), before, after));
        return after;
    }

    /// <summary>
    /// Issues a replacement with the same settings (its plaintext shown once); the old token keeps working
    /// until <paramref name="overlap"/> has passed, so a deployment can switch without downtime.
    /// </summary>
    public async Task<CreatedToken?> RollAsync(long id, TimeSpan overlap, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (overlap < TimeSpan.Zero || overlap > MaxRollOverlap)
        {
            throw TokenRules.Invalid("overlap", $"Overlap must be between 0 and {MaxRollOverlap.TotalDays:0} days.");
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var old = await FindAsync(context, id, cancellationToken);
        if (old is null)
        {
            return null;
        }

        if (old.RevokedAt is not null || lifetime.StatusOf(old) == TokenStatus.Expired)
        {
            throw TokenRules.Invalid("id", "Only a live token can be rolled (this one is revoked, expired or already rolled).");
        }

        await ClientRules.EnsureAcceptsTokensAsync(context, old.ClientId, cancellationToken);

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = lifetime.UtcNow;
        old.RevokedAt = now + overlap;
        old.RevokedBy = actor;
        old.RevokeKind = RevokeKinds.Rolled;
        old.UpdatedAt = now;
        var (replacement, plaintext) = NewToken(TokenViews.ToSpec(old), old.Roles, actor);
        context.Tokens.Add(replacement);
        await TokenRules.SaveAsync(context, TokenViews.ToSpec(old), exceptId: old.Id, cancellationToken);

        old.RevokeReason = $"Rolled: replaced by token {replacement.Id}.";
        events.Add(context, NoticeEventTypes.TokenRolled, views.ToView(old), actor,
            new { ReplacementId = replacement.Id, ReplacementHint = replacement.Hint, WorksUntil = old.RevokedAt });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Committed();
        await changes.TokenChangedAsync(old.TokenHash, CancellationToken.None);
        var rolled = views.ToView(replacement);
        audit.Record(new StaffAction("token.rolled", actor, Target(rolled), Before: views.ToView(old), After: rolled));
        return new CreatedToken(rolled, plaintext);
    }

    /// <summary>Deletes an expired or revoked token for good; a live token must be revoked first.</summary>
    public async Task<TokenView?> DeleteAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await FindAsync(context, id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        if (lifetime.StatusOf(token) is not (TokenStatus.Revoked or TokenStatus.Expired))
        {
            throw TokenRules.Invalid("id", $"Token {id} is still live: revoke it before deleting it.");
        }

        context.Tokens.Remove(token);
        await context.SaveChangesAsync(cancellationToken);
        await changes.TokenChangedAsync(token.TokenHash, CancellationToken.None);
        var deleted = views.ToView(token);
        audit.Record(new StaffAction("token.deleted", actor, Target(deleted), Before: deleted));
        return deleted;
    }

    /// <summary>Revokes now. Null when there is no such token; revoking twice keeps the first record.</summary>
    public async Task<TokenView?> RevokeAsync(long id, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await FindAsync(context, id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var before = views.ToView(token);
        var exposed = actor == ExposureActor;
        if (Revoke(token, actor, reason, exposed ? RevokeKinds.Exposed : RevokeKinds.Revoked))
        {
            var after = views.ToView(token);
            events.Add(context, exposed ? NoticeEventTypes.TokenExposed : NoticeEventTypes.TokenRevoked, after, actor);
            await context.SaveChangesAsync(cancellationToken);
            events.Committed();
            audit.Record(new StaffAction(exposed ? "token.exposed" : "token.revoked", actor, Target(before), before, after));
            // Only a real change is announced: replaying an already-revoked token (e.g. over plain HTTP) costs
            // no broadcast and no cache flush on the other instances.
            await changes.TokenChangedAsync(token.TokenHash, CancellationToken.None);
        }

        return views.ToView(token);
    }

    /// <summary>Revokes every live token of a client (a compromised account); returns how many.</summary>
    public Task<IReadOnlyList<TokenView>> RevokeAllAsync(long clientId, string actor, string? reason, CancellationToken cancellationToken = default) =>
        RevokeAllAsync(clientId, actor, reason, RevokeKinds.Revoked, cancellationToken);

    /// <summary>Revokes every live token of a client, recording <paramref name="kind"/> (<see cref="RevokeKinds"/>) as why.</summary>
    public async Task<IReadOnlyList<TokenView>> RevokeAllAsync(long clientId, string actor, string? reason, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var now = lifetime.UtcNow;
        var live = await context.Tokens.Include(t => t.Roles)
            .Where(t => t.ClientId == clientId && (t.RevokedAt == null || t.RevokedAt > now))
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var revoked = live.Where(t => Revoke(t, actor, reason, kind)).ToList();
        foreach (var token in revoked)
        {
            events.Add(context, NoticeEventTypes.TokenRevoked, views.ToView(token), actor);
        }

        await context.SaveChangesAsync(cancellationToken);
        events.Committed();
        await changes.TokensChangedAsync([.. revoked.Select(t => t.TokenHash)], CancellationToken.None);
        var result = revoked.Select(views.ToView).ToList();
        audit.Record(new StaffAction("token.revoked_all", actor, $"client:{clientId}", After: new { ClientId = clientId, Reason = reason, Revoked = result.Select(t => t.Id) }));
        return result;
    }

    /// <summary>Tokens, newest first, optionally for one client. Never includes a token or its hash.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(long? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var query = context.Tokens.AsNoTracking().Include(t => t.Roles).AsQueryable();
        if (clientId is { } client)
        {
            query = query.Where(t => t.ClientId == client);
        }

        var tokens = await query.OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(views.ToView)];
    }

    /// <summary>Tokens matching <paramref name="query"/>, newest first, one page at a time; filtering happens in the store.</summary>
    public async Task<Paged<TokenView>> QueryAsync(TokenQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var perPage = Math.Clamp(query.PerPage, 1, 100);
        // Far past the end is simply an empty page; (page - 1) * perPage must not overflow.
        var page = Math.Clamp(query.Page, 1, int.MaxValue / perPage);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var tokens = context.Tokens.AsNoTracking().AsQueryable();
        if (query.ClientId is { } client)
        {
            tokens = tokens.Where(t => t.ClientId == client);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // The search is literal text: % and _ in it match themselves, not any characters.
            var literal = query.Search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            var pattern = $"%{literal}%";
            tokens = tokens.Where(t => EF.Functions.Like(t.Name.ToLower(), pattern, "\\"));
        }

        if (query.Status is { } status)
        {
            tokens = lifetime.WhereStatus(tokens, status);
        }

        var total = await tokens.CountAsync(cancellationToken);
        var items = await tokens.Include(t => t.Roles).OrderByDescending(t => t.Id)
            .Skip((page - 1) * perPage).Take(perPage).ToListAsync(cancellationToken);
        return new Paged<TokenView>([.. items.Select(views.ToView)], page, perPage, total);
    }

    public async Task<TokenView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await context.Tokens.AsNoTracking().Include(t => t.Roles).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return token is null ? null : views.ToView(token);
    }

    /// <summary>The longest revocation reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The actor the gateway uses when it revokes a token it saw over plain HTTP.</summary>
    public const string ExposureActor = "gateway";

    private static string Target(TokenView token) => $"token:{token.Id}";

    private bool Revoke(ApiToken token, string actor, string? reason, string kind) =>
        TokenRules.Revoke(token, lifetime.UtcNow, actor, reason, kind);

    private static Task<ApiToken?> FindAsync(GatewayDbContext context, long id, CancellationToken cancellationToken) =>
        context.Tokens.Include(t => t.Roles).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    private (ApiToken Token, string Plaintext) NewToken(TokenSpec spec, List<Role> roles, string actor)
    {
        var plaintext = format.Generate();
        var now = lifetime.UtcNow;
        var token = new ApiToken
        {
            ClientId = spec.ClientId,
            Name = spec.Name,
            TokenHash = TokenFormat.Hash(plaintext),
            Hint = format.Hint(plaintext),
            Scopes = [.. spec.Scopes.Distinct(StringComparer.Ordinal)],
            Roles = roles,
            AllowedIps = TokenRules.CleanIps(spec.AllowedIps),
            ExpiresOn = spec.ExpiresOn,
            RateLimitPerMinute = spec.RateLimitPerMinute,
            CreatedAt = now,
            CreatedBy = actor,
            UpdatedAt = now,
        };
        return (token, plaintext);
    }
}
