using MimeKit;

namespace LegacyStub.Mail;

/// <summary>
/// One message the catcher received: the SMTP envelope, the message itself, whether its session was encrypted and
/// who logged in (null: nobody).
/// </summary>
public sealed record CaughtMail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, byte[] Raw, bool OverTls = false, string? User = null);
