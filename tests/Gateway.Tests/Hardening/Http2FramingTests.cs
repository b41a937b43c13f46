using System.Text;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>
/// What only raw wire bytes can show: a body sent as HTTP/2 DATA frames with no content-length (HttpClient always
/// sends one), and whitespace around the token, which HTTP/1.1 parsing trims and HTTP/2 framing keeps. One answer
/// whatever the protocol, and the backend's request log says what reached it.
/// </summary>
public sealed class Http2FramingTests(WireFixture wire) : IClassFixture<WireFixture>
{
    private static readonly byte[] Smuggled = Encoding.UTF8.GetBytes("{\"client_id\":2}");

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Http2_DataFramesWithoutContentLength_Is400AndNothingForwarded(string method)
    {
        wire.Backend.ResetLogEntries();

        var response = await wire.Http2Async(method, "/api/v1/invoices", Smuggled, ("authorization", "Bearer " + wire.Token), ("content-type", "application/json"));

        Assert.Equal(400, response.Status);
        if (method == "GET")
        {
            Assert.Equal("{\"message\":\"GET and HEAD requests must not have a body.\"}", response.BodyText);
        }

        Assert.Empty(wire.Backend.LogEntries);
        var e = await AuditFile.EventAsync(wire.AuditFolder, response.Header("x-request-id")!);
        Assert.Equal("body_not_allowed", e.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task Http2_EmptyDataFrameAfterHeaders_NoBodyEverForwarded()
    {
        wire.Backend.ResetLogEntries();

        var response = await wire.Http2Async("GET", "/api/v1/me", [], ("authorization", "Bearer " + wire.Token));

        // Zero bytes of body: whether the stream's end arrives before the request is looked at (200) or after (400,
        // the stream could still carry data), nothing but an empty read reaches the backend.
        Assert.Contains(response.Status, new[] { 200, 400 });
        Assert.All(wire.Backend.LogEntries, entry => Assert.True(entry.RequestMessage!.BodyAsBytes is null or { Length: 0 }));
    }

    [Fact]
    public async Task Http2_HeadersEndTheStream_IsForwardedWithoutBody()
    {
        wire.Backend.ResetLogEntries();

        var response = await wire.Http2Async("GET", "/api/v1/me", null, ("authorization", "Bearer " + wire.Token));

        Assert.Equal(200, response.Status);
        var received = Assert.Single(wire.Backend.LogEntries).RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.True(received.BodyAsBytes is null or { Length: 0 });
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("  \t")]
    public async Task TrailingWhitespaceAfterToken_SameAnswerOnHttp11AndHttp2(string whitespace)
    {
        wire.Backend.ResetLogEntries();

        var http11 = await wire.Http11Async("GET", "/api/v1/me", null, ("Authorization", "Bearer " + wire.Token + whitespace));
        var http2 = await wire.Http2Async("GET", "/api/v1/me", null, ("authorization", "Bearer " + wire.Token + whitespace));

        // RFC 9110 §5.5: a field value does not include leading or trailing whitespace, so both protocols accept it.
        Assert.Equal(200, http11.Status);
        Assert.Equal(200, http2.Status);
        Assert.Equal(2, wire.Backend.LogEntries.Count);
        Assert.All(wire.Backend.LogEntries, entry => Assert.Equal(["1"], entry.RequestMessage!.Header("X-Client-Id")));
    }

    [Fact]
    public async Task LeadingWhitespaceBeforeScheme_SameAnswerOnHttp11AndHttp2()
    {
        var http11 = await wire.Http11Async("GET", "/api/v1/me", null, ("Authorization", " \tBearer " + wire.Token));
        var http2 = await wire.Http2Async("GET", "/api/v1/me", null, ("authorization", " \tBearer " + wire.Token));

        Assert.Equal(200, http11.Status);
        Assert.Equal(200, http2.Status);
    }

    [Fact]
    public async Task TabBetweenSchemeAndToken_Is401OnBoth()
    {
        var http11 = await wire.Http11Async("GET", "/api/v1/me", null, ("Authorization", "Bearer\t" + wire.Token));
        var http2 = await wire.Http2Async("GET", "/api/v1/me", null, ("authorization", "Bearer\t" + wire.Token));

        Assert.Equal(401, http11.Status);
        Assert.Equal(401, http2.Status);
    }
}
