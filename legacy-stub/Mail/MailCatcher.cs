using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LegacyStub.Mail;

/// <summary>
/// A mail catcher: a real SMTP server (the SmtpServer package) on a loopback port that accepts every message and keeps
/// it — in memory for tests, and as <c>.eml</c> files in a folder when one is given (the demo's inbox). Plain SMTP
/// without TLS or authentication, as a relay on the same machine would be, unless given a
/// <see cref="MailCatcherSecurity"/>; it never forwards anything.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<CaughtMail> _messages = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _folder;
    private int _count;

    private MailCatcher(int port, string? folder, MailCatcherSecurity? security)
    {
        Port = port;
        _folder = folder;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-catcher.localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port));
                if (security is not null)
                {
                    endpoint.Certificate(security.Certificate)
                        .IsSecure(security.ImplicitTls)
                        .AllowUnsecureAuthentication(false)
                        .AuthenticationRequired(security.Username is not null);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (security?.Username is { } username)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == username && password == security.Password));
        }
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<CaughtMail> Messages => [.. _messages];

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/>; messages are also written to <paramref name="folder"/> when given.</summary>
    public static async Task<MailCatcher> StartAsync(int port, string? folder = null, MailCatcherSecurity? security = null)
    {
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var catcher = new MailCatcher(port, folder, security);
        var started = catcher._server.StartAsync(catcher._stopping.Token);
        // StartAsync runs until shutdown; wait until the port answers (or the server failed).
        for (var i = 0; i < 100 && !started.IsCompleted; i++)
        {
            if (await Answers(port))
            {
                return catcher;
            }

            await Task.Delay(50);
        }

        await started;
        return catcher;
    }

    /// <summary>Stops listening (the port refuses connections afterwards), keeping what was received.</summary>
    public async Task StopAsync()
    {
        _server.Shutdown();
        await _stopping.CancelAsync();
        try
        {
            await _server.ShutdownTask;
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stopping.Dispose();
    }

    private static async Task<bool> Answers(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private async Task KeepAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var raw = buffer.ToArray();
        using var stream = new MemoryStream(raw);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var mail = new CaughtMail(
            transaction.From.AsAddress(),
            [.. transaction.To.Select(to => to.AsAddress())],
            message,
            raw,
            context.Pipe.IsSecure,
            context.Authentication.IsAuthenticated ? context.Authentication.User : null);
        _messages.Enqueue(mail);
        if (_folder is not null)
        {
            var number = Interlocked.Increment(ref _count).ToString("D4", CultureInfo.InvariantCulture);
            await File.WriteAllBytesAsync(Path.Combine(_folder, $"{number}.eml"), raw, cancellationToken);
            // Beside it, what a person reads: the headers that matter and the decoded plain-text part.
            var readable = $"From: {message.From}\nTo: {message.To}\nSubject: {message.Subject}\nDate: {message.Date:u}\n\n{message.TextBody}";
            await File.WriteAllTextAsync(Path.Combine(_folder, $"{number}.txt"), readable, cancellationToken);
        }
    }

    private sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await catcher.KeepAsync(context, transaction, buffer, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
