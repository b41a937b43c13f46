using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests.Hardening;

/// <summary>TLS helpers: what certificate a listener serves to a new connection, and PEM certificate files to serve.</summary>
public static class TlsHandshake
{
    /// <summary>Opens a new TLS connection to <paramref name="port"/> and returns the SHA-1 thumbprint of the certificate served.</summary>
    public static async Task<string> ServedThumbprintAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        string? served = null;
        using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                // Only the served certificate matters here (the tests generate it): note it, accept what we wrote.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    served = certificate?.GetCertHashString();
                    return served is not null;
                },
            },
            timeout.Token);
        return served!;
    }

    /// <summary>A new self-signed certificate for localhost written as PEM to <paramref name="certificatePath"/> and
    /// <paramref name="keyPath"/> (key first, each replaced atomically, as a renewal tool does); returns its thumbprint.</summary>
    public static string WritePem(string certificatePath, string keyPath, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90));
        Replace(keyPath, key.ExportPkcs8PrivateKeyPem());
        Replace(certificatePath, certificate.ExportCertificatePem());
        return certificate.Thumbprint;
    }

    private static void Replace(string path, string contents)
    {
        var temporary = path + ".new";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
