using System.Net;
using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

public sealed class IpAllowlistTests
{
    [Theory]
    [InlineData("10.5.3.33", "10.5.3.33", true)]
    [InlineData("10.5.3.33", "10.5.3.34", false)]
    [InlineData("10.5.3.0/24", "10.5.3.200", true)]
    [InlineData("10.5.3.0/24", "10.5.4.1", false)]
    [InlineData("2001:db8::7", "2001:db8::7", true)]
    [InlineData("2001:db8::7", "2001:db8::8", false)]
    [InlineData("12AB:0:0:CD30::/60", "12ab:0:0:cd3f:1:2:3:4", true)]
    [InlineData("12AB:0:0:CD30::/60", "12ab:0:0:cd40::1", false)]
    [InlineData("10.5.3.0/24", "::ffff:10.5.3.9", true)]
    [InlineData("10.5.3.33", "::ffff:10.5.3.33", true)]
    [InlineData("::ffff:10.5.3.0/120", "10.5.3.9", true)]
    [InlineData("10.5.3.33", "2001:db8::1", false)]
    public void Allows_Entry_MatchesClientAddress(string entry, string client, bool expected)
    {
        var allowlist = IpAllowlist.Parse([entry]);

        Assert.Equal(expected, allowlist.Allows(IPAddress.Parse(client)));
    }

    [Fact]
    public void Allows_EmptyList_AllowsAnyAddress()
    {
        var allowlist = IpAllowlist.Parse([]);

        Assert.True(allowlist.AllowsAny);
        Assert.True(allowlist.Allows(IPAddress.Parse("198.51.100.1")));
        Assert.True(allowlist.Allows(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void Allows_NonEmptyListAndNoAddress_Denies()
    {
        Assert.False(IpAllowlist.Parse(["10.0.0.0/8"]).Allows(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("nonsense")]
    [InlineData("10.5.3")]
    [InlineData("10.5.3.033")]
    [InlineData("167969569")]
    [InlineData("10.5.3.256")]
    [InlineData("10.5.3.0/33")]
    [InlineData("10.5.3.33/24")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.5.3.0/-1")]
    [InlineData("10.5.3.0/24/8")]
    public void TryParseEntry_Garbage_IsRefused(string entry)
    {
        Assert.False(IpAllowlist.TryParseEntry(entry, out _));
    }
}
