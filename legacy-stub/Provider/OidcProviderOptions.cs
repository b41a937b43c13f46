using System.Net;

namespace LegacyStub.Provider;

/// <summary>Where the stub's OpenID Connect provider listens, which issuer it names and which relying parties it knows.</summary>
public sealed record OidcProviderOptions
{
    /// <summary>An IP address, or <c>localhost</c> (loopback).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="OidcProvider.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The issuer the provider names in discovery and in every token; null means <c>https://host:port/</c>
    /// (<c>localhost</c> when the host is a wildcard address). Its host is added to the TLS certificate.
    /// </summary>
    public Uri? Issuer { get; init; }

    /// <summary>Where to write the provider's self-signed TLS certificate (PEM, public part only); null writes nothing.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The relying parties allowed to sign clients in, as the billing system's admin area would register them.</summary>
    public IReadOnlyList<OidcClientRegistration> Clients { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (never a secret).</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Host) || (!IPAddress.TryParse(Host, out _) && !string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("The provider's host must be an IP address or localhost.");
        }

        if (Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"The provider's port must be from 0 to {IPEndPoint.MaxPort}.");
        }

        if (Issuer is { } issuer && (!issuer.IsAbsoluteUri || issuer.Scheme != Uri.UriSchemeHttps || issuer.AbsolutePath != "/"
                                     || issuer.Query.Length > 0 || issuer.Fragment.Length > 0))
        {
            throw new ArgumentException("The issuer must be an https URI with no path, query or fragment, such as https://billing.example.com:5443/.");
        }

        foreach (var client in Clients)
        {
            client.Validate();
        }

        if (Clients.GroupBy(client => client.ClientId, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Client {twice.Key} is registered twice.");
        }
    }
}
