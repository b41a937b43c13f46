using System.Net;

namespace Gateway.Tokens;

/// <summary>A token's allowed client addresses, parsed once with <see cref="IPNetwork"/>; empty allows any address.</summary>
public sealed class IpAllowlist
{
    public static readonly IpAllowlist Any = new([]);

    private readonly IPNetwork[] _networks;

    private IpAllowlist(IPNetwork[] networks) => _networks = networks;

    public bool AllowsAny => _networks.Length == 0;

    /// <summary>Builds an allowlist from stored entries (already validated when saved).</summary>
    public static IpAllowlist Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (TryParseEntry(entry, out var network))
            {
                networks.Add(network);
            }
        }

        return networks.Count == 0 ? Any : new IpAllowlist([.. networks]);
    }

    /// <summary>Accepts a single address (as a /32 or /128) or a CIDR range whose host bits are zero.</summary>
    public static bool TryParseEntry(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var text = entry.Trim();
        if (!text.Contains('/', StringComparison.Ordinal) && TryParseAddress(text, out var address))
        {
            address = ClientAddress.Normalize(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        // A range with host bits set ("10.0.0.1/8") is a typo or a misunderstanding: refuse it rather than guess.
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPNetwork.TryParse(text, out network)
            || !TryParseAddress(text[..slash], out var written)
            || !written.Equals(network.BaseAddress))
        {
            return false;
        }

        if (network.BaseAddress.IsIPv4MappedToIPv6)
        {
            network = new IPNetwork(network.BaseAddress.MapToIPv4(), Math.Max(0, network.PrefixLength - 96));
        }

        return true;
    }

    public bool Allows(IPAddress? client)
    {
        if (_networks.Length == 0)
        {
            return true;
        }

        if (client is null)
        {
            return false;
        }

        client = ClientAddress.Normalize(client);
        foreach (var network in _networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }

    // IPAddress also reads legacy IPv4 shorthand ("10.5.3" is 10.5.0.3): an allowlist accepts only plain dotted quads.
    private static bool TryParseAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!)
        && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || address.ToString() == text);
}
