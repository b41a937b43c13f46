using Gateway.Data;

namespace Gateway.Hosting;

/// <summary>
/// The files a listener's certificate comes from, as Kestrel configuration names them: the endpoint's own
/// <c>Certificate</c> (PEM <c>Path</c> + <c>KeyPath</c>, or PFX <c>Path</c> + <c>Password</c>), else
/// <c>Kestrel:Certificates:Default</c>, else the generated one under <c>&lt;data&gt;/certs</c>.
/// Certificates from a certificate store (<c>Subject</c>/<c>Store</c>) have no files: null.
/// </summary>
public sealed record CertificateFiles(string CertificatePath, string? KeyPath, string? Password)
{
    public static CertificateFiles? For(IConfigurationSection endpoint, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(configuration);
        var own = endpoint.GetSection("Certificate");
        if (own.Exists())
        {
            return FromSection(own);
        }

        var fallback = configuration.GetSection("Kestrel:Certificates:Default");
        if (fallback.Exists())
        {
            return FromSection(fallback);
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var folder = Path.Combine(storage.FullDataPath, "certs");
        return new CertificateFiles(
            Path.Combine(folder, SelfSignedCertificate.CertificateFileName),
            Path.Combine(folder, SelfSignedCertificate.KeyFileName),
            null);
    }

    private static CertificateFiles? FromSection(IConfigurationSection section) =>
        section["Path"] is { Length: > 0 } path
            ? new CertificateFiles(Path.GetFullPath(path), section["KeyPath"] is { Length: > 0 } key ? Path.GetFullPath(key) : null, section["Password"])
            : null;
}
