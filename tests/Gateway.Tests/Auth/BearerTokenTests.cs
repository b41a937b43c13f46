using Gateway.Auth;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.Auth;

public sealed class BearerTokenTests
{
    [Fact]
    public void TryRead_NoHeader_ReturnsFalse()
    {
        Assert.False(BearerToken.TryRead(StringValues.Empty, out var token));
        Assert.Null(token);
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER abc", "abc")]
    [InlineData("Bearer   abc", "abc")]
    public void TryRead_BearerScheme_ReturnsCredential(string header, string expected)
    {
        Assert.True(BearerToken.TryRead(new StringValues(header), out var token));
        Assert.Equal(expected, token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Bearerabc")]
    [InlineData("Bearer\tabc")]
    [InlineData("Bearer abc def")]
    [InlineData("Token abc")]
    public void TryRead_MalformedHeader_ReturnsTrueWithoutCredential(string header)
    {
        Assert.True(BearerToken.TryRead(new StringValues(header), out var token));
        Assert.Null(token);
    }

    [Fact]
    public void TryRead_TwoHeaders_IsMalformed()
    {
        Assert.True(BearerToken.TryRead(new StringValues(["Bearer a", "Bearer b"]), out var token));
        Assert.Null(token);
    }
}
