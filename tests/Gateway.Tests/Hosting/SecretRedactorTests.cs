using Gateway.Hosting;
using Serilog.Events;

namespace Gateway.Tests.Hosting;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new(["opt_live_"]);

    [Theory]
    [InlineData("GET /api/v1/me?access_token=opt_live_AbC123xyz HTTP/1.1", "GET /api/v1/me?access_token=[redacted] HTTP/1.1")]
    [InlineData("Authorization: Bearer opt_live_AbC123", "Authorization: Bearer [redacted]")]
    [InlineData("key opt_admin_Zz9 used", "key [redacted] used")]
    [InlineData("authorization: bearer sk-something-else", "authorization: bearer [redacted]")]
    [InlineData("curl/8.0 OPT_LIVE_AbC123", "curl/8.0 [redacted]")]
    [InlineData("/api/v1/opt%5Flive%5FAbC123/dns", "/api/v1/[redacted]/dns")]
    [InlineData("/api/v1/opt%255Fadmin%255FAbC123", "/api/v1/[redacted]")]
    [InlineData("ua Bearer%20abc", "ua Bearer%20[redacted]")]
    public void Redact_TextWithSecret_ReplacesIt(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("GET /api/v1/me 200")]
    [InlineData("opt-out of nothing")]
    [InlineData("hint opt_live_…wxyz")]
    [InlineData("key opt_admin_…Ab12")]
    public void Redact_TextWithoutSecret_ReturnsNull(string text)
    {
        Assert.Null(Redactor.Redact(text));
    }

    [Fact]
    public void Redact_ConfiguredPrefix_IsRedactedToo()
    {
        var redactor = new SecretRedactor(["acme_prod_"]);

        Assert.Equal("ua [redacted]", redactor.Redact("ua acme_prod_AbC123"));
        Assert.Equal("ua [redacted]", redactor.Redact("ua opt_admin_AbC123"));
    }

    [Fact]
    public void Redact_SecretNestedInStructuresListsAndDictionaries_IsReplacedEverywhere()
    {
        var value = new StructureValue(
        [
            new LogEventProperty("Name", new ScalarValue("opt_live_AbC123")),
            new LogEventProperty("Hint", new ScalarValue("opt_live_…wxyz")),
            new LogEventProperty("Roles", new SequenceValue([new ScalarValue("ro"), new ScalarValue("x opt_admin_Zz9")])),
            new LogEventProperty("Headers", new DictionaryValue(
            [
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue("X-Api-Key"), new ScalarValue("opt_live_Qq1")),
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue("opt_live_Key1"), new ScalarValue("v")),
            ])),
        ]);

        var rendered = Redactor.Redact(value).ToString();

        Assert.DoesNotContain("AbC123", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Zz9", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Qq1", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Key1", rendered, StringComparison.Ordinal);
        Assert.Contains("opt_live_…wxyz", rendered, StringComparison.Ordinal);
        Assert.Equal(4, rendered.Split("[redacted]").Length - 1);
    }

    [Fact]
    public void Redact_NothingToRedact_ReturnsTheSameValue()
    {
        var value = new StructureValue([new LogEventProperty("Name", new ScalarValue("deploy"))]);

        Assert.Same(value, Redactor.Redact(value));
    }

    [Fact]
    public void ConsoleFormatter_SecretInAnExceptionMessage_IsRedactedInTheLine()
    {
        var e = new LogEvent(
            DateTimeOffset.UtcNow,
            LogEventLevel.Debug,
            new InvalidOperationException("Invalid request line: 'GET /api/v1/me?x=opt_live_AbC123\\x01 HTTP/1.1'"),
            new Serilog.Parsing.MessageTemplateParser().Parse("Connection {Id} bad request"),
            [new LogEventProperty("Id", new ScalarValue("0HN1"))]);
        using var output = new StringWriter();

        LoggingExtensions.ConsoleFormatter(Redactor).Format(e, output);

        Assert.Contains("x=[redacted]", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AbC123", output.ToString(), StringComparison.Ordinal);
    }
}
