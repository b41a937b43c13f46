using System.Security.Cryptography.X509Certificates;

namespace LegacyStub.Mail;

/// <summary>
/// TLS for the mail catcher, as a real submission server has it: STARTTLS (587) or TLS from the first byte (465), and,
/// when <see cref="Username"/> is set, a login required and only accepted over TLS.
/// </summary>
public sealed record MailCatcherSecurity(X509Certificate2 Certificate, bool ImplicitTls, string? Username = null, string? Password = null);
