using Gateway.Notices;
using Gateway.Notices.Email;

namespace Gateway.Tests.Notices;

/// <summary>E-mail settings are checked at start: a bad one names the setting and what it accepts.</summary>
public sealed class EmailSettingsTests
{
    private static string Validate(Action<EmailOptions> change)
    {
        var options = new NoticeOptions { Email = { Enabled = true, Host = "smtp.example.com", From = "Hosting <noreply@example.com>" } };
        change(options.Email);
        var result = new NoticeOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : "";
    }

    [Fact]
    public void Validate_DefaultsWithHostAndFrom_Pass() => Assert.Equal("", Validate(_ => { }));

    [Fact]
    public void Validate_PlainSmtpToARemoteServer_Fails() =>
        Assert.Contains("Gateway:Notices:Email:Security None is only allowed for a relay on this machine", Validate(e => e.Security = SmtpSecurity.None), StringComparison.Ordinal);

    [Fact]
    public void Validate_CredentialsWithoutTls_Fail() =>
        Assert.Contains("Gateway:Notices:Email:Username needs", Validate(e => { e.Host = "127.0.0.1"; e.Security = SmtpSecurity.None; e.Username = "u"; }), StringComparison.Ordinal);

    [Fact]
    public void Validate_NoHostOrBadFrom_Fail()
    {
        Assert.Contains("Gateway:Notices:Email:Host is required", Validate(e => e.Host = null), StringComparison.Ordinal);
        Assert.Contains("Gateway:Notices:Email:From must be a mail address", Validate(e => e.From = "not an address"), StringComparison.Ordinal);
    }
}
