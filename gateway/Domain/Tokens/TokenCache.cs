using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// How the request path reads tokens: by hash, from memory, asking the store at most once per
/// <see cref="TokenOptions.CacheRevalidateAfter"/> per token. Unknown hashes are cached too, so a flood of
/// random well-formed tokens cannot hammer the store. Entries are bounded by <see cref="TokenOptions.CacheSizeLimit"/>.
/// A token in use is re-read in the background once its entry is 80% of that age, so requests do not all wait on
/// one store read every interval (that stall was the gateway's p99 at a fixed rate, bench/results); an entry
/// is still never served past its age limit, so a change made elsewhere takes effect just as soon.
/// </summary>
public sealed class TokenCache : IDisposable
{
    private readonly IDbContextFactory<GatewayDbContext> _db;
    private readonly StoreHealth _health;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _refreshAfter;
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<TokenIdentity?>>> _fills = new(StringComparer.Ordinal);
    private long _generation;
    private long _hits;
    private long _misses;

    /// <summary>Lookups answered from memory, since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that had to ask the store, since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public TokenCache(IDbContextFactory<GatewayDbContext> db, StoreHealth health, IOptions<TokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _health = health;
        _ttl = options.Value.CacheRevalidateAfter;
        _refreshAfter = _ttl * 0.8;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheSizeLimit });
    }

    /// <summary>Entries held now (valid and unknown tokens), never more than the configured limit.</summary>
    public int Count => _cache.Count;

    /// <summary>The token with this SHA-256 (base64), or null when the store has none.</summary>
    /// <exception cref="StoreUnavailableException">Not in memory, and the store cannot be relied on now.</exception>
    public async ValueTask<TokenIdentity?> FindAsync(string hashBase64, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(hashBase64, out Entry? hit))
        {
            Interlocked.Increment(ref _hits);
            if (Stopwatch.GetElapsedTime(hit!.ReadAt) >= _refreshAfter)
            {
                RefreshInBackground(hashBase64);
            }

            return hit.Identity;
        }

        Interlocked.Increment(ref _misses);
        // A store that cannot take writes (read-only, locked, gone) may hold revocations that never landed:
        // fail closed rather than trust it. Read errors (a missing file) fail closed on their own.
        if (!_health.IsAvailable)
        {
            throw new StoreUnavailableException(_health.Problem);
        }

        // One store read per key at a time; concurrent requests for the same token share it.
        var fill = _fills.GetOrAdd(hashBase64, key => new Lazy<Task<TokenIdentity?>>(() => FillAsync(key)));
        try
        {
            return await fill.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _fills.TryRemove(new KeyValuePair<string, Lazy<Task<TokenIdentity?>>>(hashBase64, fill));
        }
    }

    /// <summary>What memory holds for this hash, without asking the store: false when nothing is cached.</summary>
    public bool TryGetCached(string hashBase64, out TokenIdentity? identity)
    {
        if (_cache.TryGetValue(hashBase64, out Entry? hit))
        {
            identity = hit!.Identity;
            return true;
        }

        identity = null;
        return false;
    }

    /// <summary>Drops one token so the next request reads the store; called after every change to it.</summary>
    public void Invalidate(byte[] hash) => Invalidate(Convert.ToBase64String(hash));

    /// <inheritdoc cref="Invalidate(byte[])"/>
    public void Invalidate(string hashBase64)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(hashBase64);
        _fills.TryRemove(hashBase64, out _);
    }

    /// <summary>Drops everything (role changes affect many tokens at once).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
        _fills.Clear();
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>Re-reads a token still being served from memory, unless a read of it is already under way.</summary>
    private void RefreshInBackground(string hashBase64)
    {
        // Same rule as a miss: a store that cannot be relied on renews nothing, so the entry ages out on time and
        // the token is refused (503) rather than kept alive by reads of a store that cannot record a revocation.
        if (!_health.IsAvailable)
        {
            return;
        }

        var fill = new Lazy<Task<TokenIdentity?>>(() => FillAsync(hashBase64));
        if (_fills.TryAdd(hashBase64, fill))
        {
            _ = Task.Run(() => RefreshAsync(hashBase64, fill));
        }
    }

    private async Task RefreshAsync(string hashBase64, Lazy<Task<TokenIdentity?>> fill)
    {
        try
        {
            await fill.Value.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The entry still ages out on time; the next request then reads the store itself and fails closed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _fills.TryRemove(new KeyValuePair<string, Lazy<Task<TokenIdentity?>>>(hashBase64, fill));
        }
    }

    private async Task<TokenIdentity?> FillAsync(string hashBase64)
    {
        var generation = Interlocked.Read(ref _generation);
        var readAt = Stopwatch.GetTimestamp();
        var identity = await LoadAsync(Convert.FromBase64String(hashBase64));

        // A fill that raced an invalidation may hold what the store said before the change: use it for
        // the request that asked, but never keep it, so a revoked token cannot come back from the cache.
        if (Interlocked.Read(ref _generation) == generation)
        {
            // Aged from the read, not from now, so an entry never outlives the limit counted from what the store said.
            var age = Stopwatch.GetElapsedTime(readAt);
            if (age < _ttl)
            {
                _cache.Set(hashBase64, new Entry(identity, readAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _ttl - age });
            }
        }

        return identity;
    }

    private async Task<TokenIdentity?> LoadAsync(byte[] hash)
    {
        await using var db = await _db.CreateDbContextAsync();
        var row = await db.Tokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new
            {
                t.Id,
                t.ClientId,
                t.Scopes,
                RoleScopes = t.Roles.Select(r => r.Scopes).ToList(),
                t.AllowedIps,
                t.ExpiresOn,
                t.RevokedAt,
                t.RateLimitPerMinute,
                // One read gives the client's state too, so a suspension reaches the request path with the token.
                ClientState = db.Clients.Where(c => c.ClientId == t.ClientId).Select(c => (Clients.ClientState?)c.State).FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        var scopes = new HashSet<string>(row.Scopes, StringComparer.Ordinal);
        foreach (var roleScopes in row.RoleScopes)
        {
            scopes.UnionWith(roleScopes);
        }

        return new TokenIdentity
        {
            TokenId = row.Id,
            ClientId = row.ClientId,
            GrantedScopes = scopes,
            AllowedIps = IpAllowlist.Parse(row.AllowedIps),
            ExpiresOn = row.ExpiresOn,
            RevokedAt = row.RevokedAt,
            RateLimitPerMinute = row.RateLimitPerMinute,
            ClientState = row.ClientState ?? Clients.ClientState.Active,
        };
    }

    private sealed record Entry(TokenIdentity? Identity, long ReadAt);
}
