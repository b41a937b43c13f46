using System.Net;
using System.Net.Sockets;
using Gateway.Pipeline;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// The failed-auth limiter (DESIGN §2, §5): counts, per client address (IPv6 per /64, which one host usually holds),
/// the requests refused for their own fault without an identity — a bad, unknown, revoked or expired token, no token,
/// no such route, a method or body the API never takes — and says when an address is over its limit. Counting happens
/// when the decision is final (<see cref="IRequestDecisionObserver"/>), so every such refusal counts, wherever in the
/// path it was made; <see cref="FailedAuthGuardMiddleware"/> turns away addresses over the limit.
/// </summary>
public sealed class FailedAuthLimiter(IOptions<RateLimitingOptions> options, TokenCache cache, TimeProvider time) : IRequestDecisionObserver, IDisposable
{
    private readonly int _limit = options.Value.FailedAuthPerMinute;
    private readonly LimiterTable<UInt128> _table = new(options.Value.Window, options.Value.MaxTrackedClients, time);

    public int TrackedClients => _table.Count;

    /// <summary>Refusals not counted because every tracked address was over its limit (a flood from more addresses than are tracked).</summary>
    public long Untracked => _table.Untracked;

    public bool IsBlocked(IPAddress? client) => _table.IsExhausted(Key(client));

    /// <summary>
    /// Whether a store lookup for this token may be made for this address: always, unless the address is over its
    /// limit; then only for a token the gateway has seen valid (<see cref="TokenCache.IsKnownValid"/>), so a broken
    /// script cannot lock the other integrations behind the same address out.
    /// </summary>
    public bool MayLookUp(IPAddress? client, string hashedToken) => !IsBlocked(client) || cache.IsKnownValid(hashedToken);

    /// <summary>How long until the address's window starts over.</summary>
    public TimeSpan RetryAfter(IPAddress? client) => _table.Snapshot(Key(client), _limit).Reset - time.GetUtcNow();

    public void RecordFailure(IPAddress? client) => _table.Acquire(Key(client), _limit);

    public ValueTask CompletedAsync(RequestDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.CountsAgainstAddress)
        {
            RecordFailure(decision.ClientIp);
        }

        return default;
    }

    public void Dispose() => _table.Dispose();

    private static UInt128 Key(IPAddress? client)
    {
        if (client is null)
        {
            return UInt128.Zero;
        }

        client = ClientAddress.Normalize(client);
        Span<byte> bytes = stackalloc byte[16];
        if (client.AddressFamily == AddressFamily.InterNetwork)
        {
            client.TryWriteBytes(bytes[12..], out _);
            bytes[11] = 0xff; // keeps IPv4 keys apart from IPv6 prefixes
            return new UInt128(0, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        }

        client.TryWriteBytes(bytes, out _);
        return new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]), 0);
    }
}
