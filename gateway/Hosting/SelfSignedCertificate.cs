using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Hosting;

/// <summary>
/// The certificate used when Kestrel configuration names none: created once under the data folder
/// (SAN localhost, 127.0.0.1, ::1) and reused, so clients can pin it with <c>curl --cacert</c>.
/// The folder is private to the gateway's user and files are replaced atomically, so a crash never leaves
/// a key that does not match its certificate.
/// </summary>
public static partial class SelfSignedCertificate
{
    public const string CertificateFileName = "gateway.crt";
    public const string KeyFileName = "gateway.key";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly Lock Gate = new();

    public static X509Certificate2 LoadOrCreate(string dataPath, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var folder = Path.Combine(dataPath, "certs");
        var certPath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);

        lock (Gate)
        {
            if (TryLoad(certPath, keyPath, time, logger) is { } existing)
            {
                return existing;
            }

            CreatePrivateFolder(folder);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var certificate = Create(key, time.GetUtcNow());
            // Key first, then certificate: a crash in between leaves an old certificate whose key no longer
            // matches, which TryLoad treats as "create again" rather than a start failure.
            WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            WriteAtomically(certPath, certificate.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
    }

    private static X509Certificate2? TryLoad(string certPath, string keyPath, TimeProvider time, ILogger logger)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyPath) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            Log.KeyReadableByOthers(logger, keyPath);
        }

        try
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            // Renew a month ahead so clients never meet an expired certificate.
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(30))
            {
                return existing;
            }

            existing.Dispose();
        }
        catch (CryptographicException)
        {
            Log.Mismatch(logger, Path.GetDirectoryName(certPath));
        }

        return null;
    }

    private static X509Certificate2 Create(ECDsa key, DateTimeOffset now)
    {
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
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerOnly);
        File.SetUnixFileMode(folder, OwnerOnly);
    }

    private static void WriteAtomically(string path, string contents, UnixFileMode mode)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The TLS key {KeyPath} is readable by other users; restrict it with chmod 600.")]
        public static partial void KeyReadableByOthers(ILogger logger, string keyPath);

        [LoggerMessage(2, LogLevel.Warning, "The generated TLS certificate in {Folder} does not match its key; creating a new one.")]
        public static partial void Mismatch(ILogger logger, string? folder);
    }
}
