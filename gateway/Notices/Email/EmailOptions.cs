namespace Gateway.Notices.Email;

/// <summary>Settings under <c>Gateway:Notices:Email</c>: the SMTP server and what clients are mailed.</summary>
public sealed class EmailOptions
{
    /// <summary>Off by default; when on, <see cref="Host"/> and <see cref="From"/> are required.</summary>
    public bool Enabled { get; set; }

    public string? Host { get; set; }

    /// <summary>587 for STARTTLS, 465 for TLS, 25 for a local relay.</summary>
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// A PEM file of the certificate authorities that issue the SMTP server's certificate, trusted besides the system's
    /// (an internal relay with a private CA). The server's name must still match its certificate.
    /// </summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>SMTP login; put the password in the environment (<c>Gateway__Notices__Email__Password</c>).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Example Hosting &lt;noreply@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Where clients manage their tokens (the portal); named in every notice when set.</summary>
    public Uri? ManageTokensUrl { get; set; }

    /// <summary>Time allowed for connecting to and talking with the SMTP server, per message.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The yarp.json cluster whose <c>/api/v1/me</c> gives a client's address (asked with its backend credential).</summary>
    public string ProfileCluster { get; set; } = "billing";

    public string ProfilePath { get; set; } = "/api/v1/me";

    public EmailKinds Kinds { get; set; } = new();
}
