using LegacyStub.Provider;

namespace LegacyStub.Hosting;

/// <summary>What the console host prints once the provider runs: where it is, how to trust it, who may use it. Never a secret.</summary>
internal static class ProviderBanner
{
    public static void Write(TextWriter output, OidcProvider provider, OidcProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);

        output.WriteLine($"legacy-stub OpenID Connect provider: issuer {provider.Issuer} (discovery {provider.DiscoveryUri})");
        output.WriteLine(options.CertificatePath is { } path
            ? $"  TLS certificate (self-signed, new at every start): {Path.GetFullPath(path)}"
            : "  TLS certificate (self-signed, new at every start): not written; pass --oidc-cert-file to trust it");
        output.WriteLine($"  SHA-256 fingerprint: {provider.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
        if (options.Clients.Count == 0)
        {
            output.WriteLine("  no relying party registered (--oidc-client-id)");
        }

        foreach (var client in options.Clients)
        {
            output.WriteLine($"  relying party {client.ClientId}: redirect {string.Join(", ", client.RedirectUris)}" +
                             (client.PostLogoutRedirectUris.Count > 0 ? $"; after sign-out {string.Join(", ", client.PostLogoutRedirectUris)}" : ""));
        }
    }
}
