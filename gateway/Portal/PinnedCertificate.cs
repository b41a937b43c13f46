using System.Security.Cryptography.X509Certificates;

namespace Gateway.Portal;

/// <summary>A certificate trusted by its PEM file: compared by thumbprint, the file read again when its time or size changes.</summary>
internal sealed class PinnedCertificate(string path)
{
    private readonly Lock _gate = new();
    private (DateTime Written, long Length) _seen;
    private string? _thumbprint;

    public bool Matches(X509Certificate2? presented)
    {
        if (presented is null)
        {
            return false;
        }

        var expected = Current();
        return expected is not null && string.Equals(presented.Thumbprint, expected, StringComparison.OrdinalIgnoreCase);
    }

    private string? Current()
    {
        lock (_gate)
        {
            try
            {
                var file = new FileInfo(path);
                var stamp = (file.LastWriteTimeUtc, file.Length);
                if (stamp != _seen)
                {
                    using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
                    _thumbprint = certificate.Thumbprint;
                    _seen = stamp;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                // Mid-rewrite or unreadable: keep trusting what was read last; the next handshake reads it again.
            }

            return _thumbprint;
        }
    }
}
