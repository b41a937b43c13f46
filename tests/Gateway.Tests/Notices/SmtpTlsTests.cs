using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Data;
using Gateway.Notices;
using Gateway.Notices.Email;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Notices;

/// <summary>
/// Notices over an encrypted SMTP session, as to a real submission server: STARTTLS and TLS-on-connect, a login only
/// after TLS, a server certificate issued by the host's own certificate authority (Gateway:Notices:Email:
/// CertificateAuthorityFile). A certificate from an unknown authority, or for another name, stops the message before
/// anything — the login included — is sent; the delivery is retried.
/// </summary>
public sealed class SmtpTlsTests : IAsyncLifetime
{
    private const string Username = "gateway@hosting.example";
    private const string Password = "smtp-password-never-logged";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gateway-smtp-tls", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _running = [];
    private ECDsa _authorityKey = null!;
    private X509Certificate2 _authority = null!;

    private string AuthorityFile => Path.Combine(_folder, "smtp-ca.pem");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Hosting Internal Mail CA", _authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(AuthorityFile, _authority.ExportCertificatePem());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var running in Enumerable.Reverse(_running))
        {
            await running.DisposeAsync();
        }

        _authority.Dispose();
        _authorityKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Notice_StartTlsWithTheHostsAuthorityAndLogin_DeliveredEncryptedAndAuthenticated()
    {
        var (gateway, catcher) = await StartAsync(implicitTls: false, ServerCertificate("127.0.0.1"), trustAuthority: true);

        var token = await gateway.CreateTokenAsync(Spec());
        await Eventually.TrueAsync(() => catcher.Messages.Count >= 1, "the notice delivered");

        var mail = Assert.Single(catcher.Messages);
        Assert.True(mail.OverTls, "the session was upgraded with STARTTLS before the message");
        Assert.Equal(Username, mail.User);
        Assert.Equal($"New API token \"{token.Token.Name}\"", mail.Message.Subject);
        NoticeAssert.NothingSecret(mail, token.Plaintext);
        Assert.DoesNotContain(Password, System.Text.Encoding.UTF8.GetString(mail.Raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_TlsOnConnect_DeliveredEncrypted()
    {
        var (gateway, catcher) = await StartAsync(implicitTls: true, ServerCertificate("127.0.0.1"), trustAuthority: true);

        await gateway.CreateTokenAsync(Spec());
        await Eventually.TrueAsync(() => catcher.Messages.Count >= 1, "the notice delivered");

        var mail = Assert.Single(catcher.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal(Username, mail.User);
    }

    [Fact]
    public async Task Notice_CertificateFromAnUnknownAuthority_NothingSentAndRetried()
    {
        // The same server, but the gateway is not told about the host's authority: only the system's roots count.
        var (gateway, catcher) = await StartAsync(implicitTls: false, ServerCertificate("127.0.0.1"), trustAuthority: false);

        var token = await gateway.CreateTokenAsync(Spec());
        var failed = await FirstFailedAttemptAsync(gateway, token.Token.Id);

        Assert.Empty(catcher.Messages);
        Assert.Equal(DeliveryStatus.Pending, failed.Status);
        Assert.Contains("SslHandshakeException", failed.LastResult, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failed.LastResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_ServerCertificateForAnotherName_NothingSentEvenFromTheHostsAuthority()
    {
        var (gateway, catcher) = await StartAsync(implicitTls: false, ServerCertificate("smtp.elsewhere.example"), trustAuthority: true);

        var token = await gateway.CreateTokenAsync(Spec());
        var failed = await FirstFailedAttemptAsync(gateway, token.Token.Id);

        Assert.Empty(catcher.Messages);
        Assert.Contains("SslHandshakeException", failed.LastResult, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AuthorityFileMissingOrWithPlainSmtp_FailsNamingTheSetting()
    {
        static string Validate(Action<EmailOptions> change)
        {
            var options = new NoticeOptions { Email = { Enabled = true, Host = "127.0.0.1", From = "Hosting <noreply@example.com>" } };
            change(options.Email);
            var result = new NoticeOptionsValidator().Validate(null, options);
            return result.Failed ? result.FailureMessage : "";
        }

        var missing = Path.Combine(_folder, "missing.pem");
        Assert.Contains($"Gateway:Notices:Email:CertificateAuthorityFile '{missing}' cannot be read", Validate(e => e.CertificateAuthorityFile = missing), StringComparison.Ordinal);
        var notPem = Path.Combine(_folder, "not.pem");
        File.WriteAllText(notPem, "not a certificate");
        Assert.Contains("holds no PEM certificate", Validate(e => e.CertificateAuthorityFile = notPem), StringComparison.Ordinal);
        Assert.Contains("CertificateAuthorityFile needs Gateway:Notices:Email:Security StartTls or Tls",
            Validate(e => { e.CertificateAuthorityFile = AuthorityFile; e.Security = SmtpSecurity.None; }), StringComparison.Ordinal);
        Assert.Equal("", Validate(e => e.CertificateAuthorityFile = AuthorityFile));
    }

    private static TokenSpec Spec() => new()
    {
        ClientId = 1,
        Name = $"tls-{Guid.NewGuid():N}"[..20],
        Scopes = [ScopeCatalog.AccountRead],
    };

    /// <summary>A server certificate for <paramref name="name"/> (an IP address or a DNS name) issued by the test's authority.</summary>
    private X509Certificate2 ServerCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var address))
        {
            san.AddIpAddress(address);
        }
        else
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12, as a server loads its certificate from disk (SslStream wants a persisted key on some platforms).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private async Task<(GatewayFixture Gateway, MailCatcher Catcher)> StartAsync(bool implicitTls, X509Certificate2 certificate, bool trustAuthority)
    {
        var port = FreePort.Next();
        var catcher = await MailCatcher.StartAsync(port, security: new MailCatcherSecurity(certificate, implicitTls, Username, Password));
        _running.Add(catcher);
        var gateway = new GatewayFixture();
        foreach (var (key, value) in MailFixture.Settings(port))
        {
            gateway.Settings[key] = value;
        }

        gateway.Settings["Gateway:Notices:Email:Security"] = implicitTls ? "Tls" : "StartTls";
        gateway.Settings["Gateway:Notices:Email:Username"] = Username;
        gateway.Settings["Gateway:Notices:Email:Password"] = Password;
        gateway.Settings["Gateway:Notices:Email:CertificateAuthorityFile"] = trustAuthority ? AuthorityFile : null;
        await gateway.InitializeAsync();
        _running.Add(gateway);
        _ = gateway.Services; // starts the host: the dispatcher runs from now on
        return (gateway, catcher);
    }

    private static async Task<DeliveryView> FirstFailedAttemptAsync(GatewayFixture gateway, long tokenId)
    {
        var log = gateway.Services.GetRequiredService<DeliveryLog>();
        DeliveryView? failed = null;
        await Eventually.TrueAsync(
            async () => (failed = (await log.QueryAsync(null, 1, 100)).Items.FirstOrDefault(d => d.TokenId == tokenId && d.Attempts >= 1)) is not null,
            "a failed first attempt");
        return failed!;
    }
}
