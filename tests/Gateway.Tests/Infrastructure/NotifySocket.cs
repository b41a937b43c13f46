using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The service manager's end of sd_notify(3): a Unix datagram socket whose path goes in <c>NOTIFY_SOCKET</c>;
/// every datagram the service sends (<c>READY=1</c>, <c>STOPPING=1</c>, …) is kept in arrival order.
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _ = ReceiveAsync();
    }

    public string Path { get; }

    /// <summary>Waits (bounded) for a datagram containing the line <paramref name="line"/>, e.g. <c>READY=1</c>.</summary>
    public async Task<bool> WaitForAsync(string line, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                if (message.Split('\n').Contains(line, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                await _messages.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the test is over.
        }
    }
}
