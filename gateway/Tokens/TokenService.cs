using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// The one place that decides what a token change means (DESIGN §1). The admin API, the admin UI and the
/// CLI call this; none of them touches the store directly.
/// </summary>
public sealed class TokenService(
    IDbContextFactory<GatewayDbContext> db,
    TokenFormat format,
    TokenCache cache,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    private readonly TokenLifetime _lifetime = new(time, options.Value.ExpiringSoonWindow);

    /// <summary>Creates a token; the returned plaintext is the only copy there will ever be.</summary>
    public async Task<CreatedToken> CreateAsync(TokenSpec spec, string actor, CancellationToken cancellationToken = default)
    {
        TokenSpecValidator.Validate(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (spec.ExpiresOn is { } last && last < _lifetime.Today)
        {
            throw new TokenValidationException(new Dictionary<string, string[]>
            {
                ["expiresOn"] = [$"Expiry date {last:yyyy-MM-dd} is in the past; use today or a later date, or none."],
            });
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(context, spec.ClientId, spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }

        var plaintext = format.Generate();
        var now = _lifetime.UtcNow;
        var token = new ApiToken
        {
            ClientId = spec.ClientId,
            Name = spec.Name,
            TokenHash = TokenFormat.Hash(plaintext),
            Hint = format.Hint(plaintext),
            Scopes = [.. spec.Scopes.Distinct(StringComparer.Ordinal)],
            AllowedIps = [.. spec.AllowedIps.Select(ip => ip.Trim())],
            ExpiresOn = spec.ExpiresOn,
            RateLimitPerMinute = spec.RateLimitPerMinute,
            CreatedAt = now,
            CreatedBy = actor,
            UpdatedAt = now,
        };
        context.Tokens.Add(token);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another writer for the same name: the unique index decided.
            if (await NameTakenAsync(context, spec.ClientId, spec.Name, cancellationToken))
            {
                throw NameTaken(spec.Name);
            }

            throw;
        }

        return new CreatedToken(ToView(token), plaintext);
    }

    /// <summary>Tokens, newest first, optionally for one client. Never includes a token or its hash.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(long? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var query = context.Tokens.AsNoTracking().Include(t => t.Roles).AsQueryable();
        if (clientId is { } id)
        {
            query = query.Where(t => t.ClientId == id);
        }

        var tokens = await query.OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(ToView)];
    }

    public async Task<TokenView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await context.Tokens.AsNoTracking().Include(t => t.Roles).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return token is null ? null : ToView(token);
    }

    /// <summary>Revokes now. Returns null when there is no such token; revoking twice keeps the first record.</summary>
    public async Task<TokenView?> RevokeAsync(long id, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await context.Tokens.Include(t => t.Roles).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var now = _lifetime.UtcNow;
        if (token.RevokedAt is null || token.RevokedAt > now)
        {
            token.RevokedAt = now;
            token.RevokedBy = actor;
            token.RevokeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            token.UpdatedAt = now;
            await context.SaveChangesAsync(cancellationToken);
        }

        cache.Invalidate(Convert.ToBase64String(token.TokenHash));
        return ToView(token);
    }

    /// <summary>Revokes the token presented in <paramref name="plaintext"/> if it is a live one (e.g. it was sent over plain HTTP).</summary>
    public async Task<TokenView?> RevokeByPlaintextAsync(string plaintext, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var hash = TokenFormat.Hash(plaintext);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var id = await context.Tokens.Where(t => t.TokenHash == hash).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : await RevokeAsync(id.Value, actor, reason, cancellationToken);
    }

    private static Task<bool> NameTakenAsync(GatewayDbContext context, long clientId, string name, CancellationToken cancellationToken) =>
        context.Tokens.AnyAsync(t => t.ClientId == clientId && t.Name == name && t.RevokedAt == null, cancellationToken);

    private static TokenValidationException NameTaken(string name) =>
        new(new Dictionary<string, string[]> { ["name"] = [$"Client already has a token named '{name}'."] });

    private TokenView ToView(ApiToken token) => new()
    {
        Id = token.Id,
        ClientId = token.ClientId,
        Name = token.Name,
        Hint = token.Hint,
        Status = _lifetime.StatusOf(token),
        Scopes = token.Scopes,
        Roles = [.. token.Roles.Select(r => r.Name)],
        AllowedIps = token.AllowedIps,
        ExpiresOn = token.ExpiresOn,
        RateLimitPerMinute = token.RateLimitPerMinute,
        CreatedAt = token.CreatedAt,
        CreatedBy = token.CreatedBy,
        UpdatedAt = token.UpdatedAt,
        RevokedAt = token.RevokedAt,
        RevokedBy = token.RevokedBy,
        RevokeReason = token.RevokeReason,
        LastUsedAt = token.LastUsedAt,
        LastUsedIp = token.LastUsedIp,
    };
}
