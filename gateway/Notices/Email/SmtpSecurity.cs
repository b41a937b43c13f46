namespace Gateway.Notices.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (typically port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, typically port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same machine (loopback), and then without credentials.</summary>
    None,
}
