using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LegacyStub.Provider;

/// <summary>
/// The provider's TLS certificate: self-signed, made at every start and never written with its key, so no
/// key material outlives the process. Relying parties trust it by its PEM (<see cref="OidcProviderOptions.CertificatePath"/>).
/// </summary>
internal static class ProviderCertificate
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>A certificate valid for localhost, 127.0.0.1, ::1 and each of <paramref name="names"/> (DNS names or IP literals).</summary>
    public static X509Certificate2 Create(IEnumerable<string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=legacy-stub OpenID Connect provider", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Prepend("localhost").Prepend(IPAddress.Loopback.ToString()).Prepend(IPAddress.IPv6Loopback.ToString())
                     .Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
    }

    /// <summary>Writes the public certificate as PEM, replacing the file atomically so a reader never sees half of it.</summary>
    public static void WritePem(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrEmpty(path);

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, certificate.ExportCertificatePem() + "\n");
        File.Move(temporary, full, overwrite: true);
    }
}
