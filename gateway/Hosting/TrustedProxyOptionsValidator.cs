using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Stops the start on a trusted-proxy entry that does not parse, naming it.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.Addresses
            .Where(a => !IPAddress.TryParse(a, out _))
            .Select(a => $"Gateway:TrustedProxies:Addresses: '{a}' is not an IP address."));
        failures.AddRange(options.Networks
            .Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Gateway:TrustedProxies:Networks: '{n}' is not a CIDR range (e.g. 10.0.0.0/24)."));
        if (options.ForwardLimit < 1)
        {
            failures.Add("Gateway:TrustedProxies:ForwardLimit must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
