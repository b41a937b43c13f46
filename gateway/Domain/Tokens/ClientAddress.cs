using System.Net;
using System.Net.Sockets;

namespace Gateway.Tokens;

/// <summary>One spelling per client address, whichever socket it came in on.</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv4 client on a dual-stack socket (<c>::ffff:a.b.c.d</c>) as plain IPv4, and an IPv6 address without its
    /// scope id, so one client is one key and one entry everywhere (allowlists, limits, usage, audit).
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }
}
