using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Notices.Email;

/// <summary>
/// The SMTP server's certificate judged as the platform judges it, except that a chain ending at one of the host's own
/// certificate authorities (<see cref="EmailOptions.CertificateAuthorityFile"/>) is accepted too. A name mismatch or a
/// missing certificate is never accepted, whatever issued it.
/// </summary>
public sealed class SmtpServerTrust
{
    private readonly X509Certificate2Collection _authorities;

    private SmtpServerTrust(X509Certificate2Collection authorities, string? problem)
    {
        _authorities = authorities;
        Problem = problem;
    }

    /// <summary>Why the file cannot be used (for the start-up check and the delivery log), or null.</summary>
    public string? Problem { get; }

    /// <summary>Reads the certificate authorities from a PEM file.</summary>
    public static SmtpServerTrust Load(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return new SmtpServerTrust(authorities, $"'{path}' cannot be read as PEM certificates ({ex.GetType().Name}).");
        }

        return authorities.Count == 0
            ? new SmtpServerTrust(authorities, $"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
            : new SmtpServerTrust(authorities, null);
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/> for MailKit's SMTP client.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || _authorities.Count == 0)
        {
            return false;
        }

        // A copy of our own: the caller's certificate object stays undisposed for MailKit and SslStream.
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // As the platform's own check of a server certificate (SslStream's default): no revocation lookup.
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the server sent.
            foreach (var element in chain.ChainElements)
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return own.Build(leaf);
    }
}
