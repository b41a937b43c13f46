using System.Net.Security;
using System.Security.Authentication;

namespace Gateway.Hosting;

/// <summary>
/// What TLS the gateway speaks: TLS 1.2 and 1.3 only; TLS 1.3's suites, and for TLS 1.2 only ECDHE key
/// exchange (forward secrecy) with AEAD ciphers (GCM, ChaCha20-Poly1305) — no CBC, RSA key exchange, DHE,
/// 3DES, RC4 or export suites. On Linux the suites are enforced through OpenSSL; elsewhere the OS decides.
/// </summary>
public static class TlsPolicy
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The allowed suites by IANA name (OpenSSL names in parentheses where they differ).</summary>
    public static readonly IReadOnlyList<TlsCipherSuite> CipherSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, // ECDHE-ECDSA-AES128-GCM-SHA256
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, // ECDHE-ECDSA-AES256-GCM-SHA384
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, // ECDHE-ECDSA-CHACHA20-POLY1305
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, // ECDHE-RSA-AES128-GCM-SHA256
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, // ECDHE-RSA-AES256-GCM-SHA384
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, // ECDHE-RSA-CHACHA20-POLY1305
    ];

    private static readonly CipherSuitesPolicy? Policy = OperatingSystem.IsLinux() ? new CipherSuitesPolicy(CipherSuites) : null;

    /// <summary>Applies the protocols and, where the platform allows, the cipher suites to one handshake.</summary>
    public static void Apply(SslServerAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnabledSslProtocols = Protocols;
        if (OperatingSystem.IsLinux())
        {
            options.CipherSuitesPolicy = Policy;
        }
    }
}
