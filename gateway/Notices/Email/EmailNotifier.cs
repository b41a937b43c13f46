using System.Net.Sockets;
using Gateway.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gateway.Notices.Email;

/// <summary>
/// Mails one notice to the client the token belongs to, over SMTP with MailKit. Each message has a Message-ID made of
/// the event and delivery, so a mail system that sees it twice (after a crash between sending and recording) can tell.
/// </summary>
public sealed class EmailNotifier(ClientContacts contacts, IOptionsMonitor<NoticeOptions> options)
{
    public async Task<AttemptResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.CurrentValue.Email;
        if (!settings.Enabled || settings.Host is null || settings.From is null)
        {
            return AttemptResult.Permanent("e-mail notices are turned off (Gateway:Notices:Email:Enabled)");
        }

        var contact = await contacts.FindAsync(delivery.Event.ClientId, cancellationToken);
        if (contact.Address is not { } to)
        {
            return contact.Failure!;
        }

        var words = NoticeMessage.Compose(delivery.Event.Type, delivery.Event.Data, settings.ManageTokensUrl);
        var from = MailboxAddress.Parse(settings.From);
        using var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = words.Subject;
        message.MessageId = $"{delivery.Event.PublicId}.{delivery.Id}@{from.Domain}";
        message.Headers.Add("X-Gateway-Event", delivery.Event.Type);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = words.Text, HtmlBody = words.Html }.ToMessageBody();

        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (!string.IsNullOrEmpty(settings.CertificateAuthorityFile))
        {
            // Read for each message: a renewed authority file is used without a restart.
            var trust = SmtpServerTrust.Load(settings.CertificateAuthorityFile);
            if (trust.Problem is { } problem)
            {
                return AttemptResult.Retry($"Gateway:Notices:Email:CertificateAuthorityFile {problem}");
            }

            smtp.ServerCertificateValidationCallback = trust.Validate;
        }

        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, Socket(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await smtp.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            var reply = await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
            return AttemptResult.Sent($"accepted by {settings.Host}: {Clean(reply)}");
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            // A 5xx reply is a refusal that repeating will not change (no such mailbox, relaying denied).
            return ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted
                ? AttemptResult.Permanent($"the mail server refused the recipient: {(int)ex.StatusCode} {Clean(ex.Message)}")
                : AttemptResult.Retry($"the mail server refused the message: {(int)ex.StatusCode} {Clean(ex.Message)}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Retry($"{ex.GetType().Name}: {Clean(ex.Message)}");
        }
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Clean(string text) => text.ReplaceLineEndings(" ").Trim();
}
