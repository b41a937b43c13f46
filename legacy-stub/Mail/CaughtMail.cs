using MimeKit;

namespace LegacyStub.Mail;

/// <summary>One message the catcher received: the SMTP envelope and the message itself.</summary>
public sealed record CaughtMail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, byte[] Raw);
