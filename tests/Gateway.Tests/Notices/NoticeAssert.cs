using System.Text;
using Gateway.Tokens;
using LegacyStub.Mail;

namespace Gateway.Tests.Notices;

/// <summary>Checks every byte of a message (headers, text, HTML) for a token or any form of its hash.</summary>
public static class NoticeAssert
{
    public static void NothingSecret(CaughtMail mail, params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var raw = Encoding.UTF8.GetString(mail.Raw) + mail.Message.TextBody + mail.Message.HtmlBody;
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(token[..^4], raw, StringComparison.Ordinal);
            Assert.DoesNotContain(TokenFormat.HashForAudit(token), raw, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(TokenFormat.Hash(token)), raw, StringComparison.OrdinalIgnoreCase);
        }
    }
}
