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
}
