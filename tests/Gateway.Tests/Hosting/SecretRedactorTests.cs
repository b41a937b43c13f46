using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("GET /api/v1/me?access_token=opt_live_AbC123xyz HTTP/1.1", "GET /api/v1/me?access_token=[redacted] HTTP/1.1")]
    [InlineData("Authorization: Bearer opt_live_AbC123", "Authorization: Bearer [redacted]")]
    [InlineData("key opt_admin_Zz9 used", "key [redacted] used")]
    [InlineData("authorization: bearer sk-something-else", "authorization: bearer [redacted]")]
    public void Redact_TextWithSecret_ReplacesIt(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(text));
    }

    [Theory]
    [InlineData("GET /api/v1/me 200")]
    [InlineData("opt-out of nothing")]
    public void Redact_TextWithoutSecret_ReturnsNull(string text)
    {
        Assert.Null(SecretRedactor.Redact(text));
    }
}
