using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Configures the platform's <see cref="ForwardedHeadersOptions"/> from <see cref="TrustedProxyOptions"/>.
/// The framework's default trusts loopback; a gateway trusts nobody it was not told about.
/// </summary>
internal sealed class ForwardedHeadersSetup(IOptions<TrustedProxyOptions> trusted) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        var settings = trusted.Value;
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = settings.ForwardLimit;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in settings.Addresses)
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in settings.Networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
