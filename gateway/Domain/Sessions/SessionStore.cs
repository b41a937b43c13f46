using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Sessions;

/// <summary>
/// Server-side sessions for any kind of signed-in subject (staff in the admin UI, clients in the portal): created at
/// sign-in, checked on every request (through <see cref="SessionCache"/>), ended at sign-out or when the subject
/// changes (<see cref="EndAllAsync"/>), on this instance at once and on the others through <see cref="ISessionBroadcast"/>.
/// </summary>
public sealed class SessionStore(IDbContextFactory<GatewayDbContext> db, SessionCache cache, ISessionBroadcast broadcast, TimeProvider time)
{
    private const int KeyBytes = 32;

    /// <summary>Starts a session and returns its key (43 characters, 256 random bits): put it in the cookie, nowhere else.</summary>
    public async Task<string> CreateAsync(SessionSubject subject, SessionLifetime lifetime, string? ip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(lifetime);
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyBytes));
        var now = StoreClock.UtcNow(time);
        var absolute = now + lifetime.Absolute;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        context.Set<ServerSession>().Add(new ServerSession
        {
            KeyHash = Hash(key),
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            CreatedAt = now,
            LastSeenAt = now,
            IdleTimeoutSeconds = (int)lifetime.Idle.TotalSeconds,
            IdleExpiresAt = Min(now + lifetime.Idle, absolute),
            AbsoluteExpiresAt = absolute,
            CreatedIp = ip,
        });
        await context.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// The subject of the live session with this key, or null when there is none (unknown, ended, idle too long, past
    /// its lifetime). A session found past a timeout is recorded as ended there and then.
    /// </summary>
    public async Task<SessionSubject?> CheckAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(key))
        {
            return null;
        }

        var hash = Hash(key!);
        var cacheKey = Convert.ToBase64String(hash);
        var now = StoreClock.UtcNow(time);
        // A cached answer serves until it ages out, unless the session has timed out or is due a touch since.
        if (cache.TryGet(cacheKey, out var cached) && (cached is null || (IsLive(cached, now) && !IsTouchDue(cached, now))))
        {
            return cached?.Subject;
        }

        var generation = cache.Generation;
        var readAt = Stopwatch.GetTimestamp();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<ServerSession>().AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == hash, cancellationToken);
        var state = row is null || row.EndedAt is not null ? null : ToState(row);
        if (state is not null && !IsLive(state, now))
        {
            await EndWhereAsync(context, s => s.Id == state.Id, now >= state.AbsoluteExpiresAt ? SessionEndReasons.Expired : SessionEndReasons.IdleTimeout, now, cancellationToken);
            state = null;
        }
        else if (state is not null && IsTouchDue(state, now))
        {
            state = await TouchAsync(context, state, now, cancellationToken);
        }

        cache.Set(cacheKey, state, generation, readAt);
        return state?.Subject;
    }

    /// <summary>Ends one session (sign-out). True if it was live.</summary>
    public async Task<bool> EndAsync(string? key, string reason, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(key))
        {
            return false;
        }

        var hash = Hash(key!);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var ended = await EndWhereAsync(context, s => s.KeyHash == hash, reason, StoreClock.UtcNow(time), cancellationToken);
        cache.Invalidate(Convert.ToBase64String(hash));
        await broadcast.PublishAsync(new SessionEnd([hash]), cancellationToken);
        return ended > 0;
    }

    /// <summary>Ends every live session of <paramref name="subject"/> (a reset, a disable, a role change …); returns how many.</summary>
    public async Task<int> EndAllAsync(SessionSubject subject, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var ended = await EndWhereAsync(context, s => s.SubjectKind == subject.Kind && s.SubjectId == subject.Id, reason, StoreClock.UtcNow(time), cancellationToken);
        cache.InvalidateAll();
        await broadcast.PublishAsync(new SessionEnd([], subject), cancellationToken);
        return ended;
    }

    /// <summary>The live sessions of <paramref name="subject"/>, newest first.</summary>
    public async Task<IReadOnlyList<SessionView>> ListLiveAsync(SessionSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var now = StoreClock.UtcNow(time);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.Set<ServerSession>().AsNoTracking()
            .Where(s => s.SubjectKind == subject.Kind && s.SubjectId == subject.Id && s.EndedAt == null && s.IdleExpiresAt > now && s.AbsoluteExpiresAt > now)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.IdleExpiresAt, s.AbsoluteExpiresAt, s.CreatedIp))];
    }

    /// <summary>Deletes sessions that ended or expired more than <paramref name="keep"/> ago.</summary>
    public async Task<int> PurgeAsync(TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var before = StoreClock.UtcNow(time) - keep;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Set<ServerSession>()
            .Where(s => s.AbsoluteExpiresAt < before || s.EndedAt < before)
            .ExecuteDeleteAsync(cancellationToken);
    }

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static bool IsWellFormed(string? key) =>
        key is { Length: 43 } && Base64Url.IsValid(key, out var length) && length == KeyBytes;

    private static bool IsLive(SessionState state, DateTime now) => now < state.IdleExpiresAt && now < state.AbsoluteExpiresAt;

    private static bool IsTouchDue(SessionState state, DateTime now) => now - state.LastSeenAt >= SessionLifetime.TouchIntervalFor(state.IdleTimeout);

    private static SessionState ToState(ServerSession row) => new(
        row.Id,
        new SessionSubject(row.SubjectKind, row.SubjectId),
        row.LastSeenAt,
        row.IdleExpiresAt,
        row.AbsoluteExpiresAt,
        TimeSpan.FromSeconds(row.IdleTimeoutSeconds));

    // One conditional update: a session ended meanwhile (on any instance) is not brought back by a touch.
    private static async Task<SessionState?> TouchAsync(GatewayDbContext context, SessionState state, DateTime now, CancellationToken cancellationToken)
    {
        var idleUntil = Min(now + state.IdleTimeout, state.AbsoluteExpiresAt);
        var touched = await context.Set<ServerSession>()
            .Where(s => s.Id == state.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.IdleExpiresAt, idleUntil), cancellationToken);
        return touched == 0 ? null : state with { LastSeenAt = now, IdleExpiresAt = idleUntil };
    }

    private static Task<int> EndWhereAsync(
        GatewayDbContext context, System.Linq.Expressions.Expression<Func<ServerSession, bool>> which, string reason, DateTime now, CancellationToken cancellationToken) =>
        context.Set<ServerSession>()
            .Where(which)
            .Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
