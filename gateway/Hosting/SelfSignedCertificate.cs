using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Hosting;

/// <summary>
/// The certificate used when Kestrel configuration names none: created once under the data folder
/// (SAN localhost, 127.0.0.1, ::1) and reused, so clients can pin it with <c>curl --cacert</c>.
/// </summary>
public static class SelfSignedCertificate
{
    public const string CertificateFileName = "gateway.crt";
    public const string KeyFileName = "gateway.key";
    private static readonly Lock Gate = new();

    public static X509Certificate2 LoadOrCreate(string dataPath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var folder = Path.Combine(dataPath, "certs");
        var certPath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);

        lock (Gate)
        {
            if (File.Exists(certPath) && File.Exists(keyPath))
            {
                var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
                // Renew a month ahead so clients never meet an expired certificate.
                if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(30))
                {
                    return existing;
                }

                existing.Dispose();
            }

            Directory.CreateDirectory(folder);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

            var now = time.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
            WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certPath, certificate.ExportCertificatePem());
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
    }

    private static void WritePrivate(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
