using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Hardening;

/// <summary>
/// A backend that breaks HTTP below the level WireMock can: it reads each request head (kept in
/// <see cref="Requests"/>) and then either resets the connection or answers bytes that are not HTTP.
/// </summary>
public sealed class RawBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly Task _accepting;

    public RawBackend(RawFault fault)
    {
        Fault = fault;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public RawFault Fault { get; set; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>The request heads received so far (request line and headers).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                lock (_requests)
                {
                    _requests.Add(head);
                }

                if (Fault == RawFault.Garbage)
                {
                    await stream.WriteAsync("SSH-2.0-not-http\r\n\r\n\0\0\u0001garbage"u8.ToArray(), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
                else
                {
                    // Linger 0: close sends RST instead of FIN, as a crashing backend or a middlebox does.
                    client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        // Bounded: a request head is far below 64 KB.
        while (head.Length < 65536 && !head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}

/// <summary>How <see cref="RawBackend"/> breaks each exchange.</summary>
public enum RawFault
{
    /// <summary>The connection is reset (TCP RST) after the request arrived.</summary>
    ConnectionReset,

    /// <summary>Bytes that are not an HTTP response, then the connection closes.</summary>
    Garbage,
}
