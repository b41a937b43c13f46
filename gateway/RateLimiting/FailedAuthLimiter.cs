using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// The brute-force guard: counts failed authentications per client address (IPv6 per /64, which one host
/// usually holds) and says when an address is over its limit, before any store lookup happens.
/// </summary>
public sealed class FailedAuthLimiter(IOptions<RateLimitingOptions> options, TimeProvider time) : IDisposable
{
    private readonly int _limit = options.Value.FailedAuthPerMinute;
    private readonly LimiterTable<UInt128> _table = new(options.Value.Window, options.Value.MaxTrackedClients, time);

    public int TrackedClients => _table.Count;

    public bool IsBlocked(IPAddress? client) => _table.Snapshot(Key(client), _limit).Remaining <= 0;

    public void RecordFailure(IPAddress? client)
    {
        using var lease = _table.Acquire(Key(client), _limit);
    }

    public LimitSnapshot Snapshot(IPAddress? client) => _table.Snapshot(Key(client), _limit);

    public void Dispose() => _table.Dispose();

    private static UInt128 Key(IPAddress? client)
    {
        if (client is null)
        {
            return UInt128.Zero;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

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
