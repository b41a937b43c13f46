using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Gateway.Tests.Hardening;

/// <summary>One TLS connection to the gateway on loopback, pinned to its certificate, speaking the protocol the test asks for.</summary>
public sealed class TlsClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;

    private TlsClient(TcpClient tcp, SslStream stream)
    {
        _tcp = tcp;
        Stream = stream;
    }

    public SslStream Stream { get; }

    public static async Task<TlsClient> ConnectAsync(int port, string thumbprint, SslApplicationProtocol protocol, CancellationToken cancel)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, cancel);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ApplicationProtocols = [protocol],
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => string.Equals(certificate?.GetCertHashString(), thumbprint, StringComparison.Ordinal),
                },
                cancel);
            return new TlsClient(tcp, tls);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _tcp.Dispose();
    }
}
