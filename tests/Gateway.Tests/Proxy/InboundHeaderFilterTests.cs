using Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Tests.Proxy;

public sealed class InboundHeaderFilterTests
{
    private static readonly InboundHeaderFilter Filter = new(
        ["X-Client-Id", "X-HTTP-Method-Override", "X-Real-IP"], ["X-Gateway-", "X-Forwarded-"], ["opt_live_", "opt_admin_"]);

    [Theory]
    [InlineData("X-Client-Id")]
    [InlineData("x.client.id")]
    [InlineData("X-Client~Id")]
    [InlineData("X_Client_Id")]
    [InlineData("XCLIENTID")]
    [InlineData("X-Gateway-Token-Id")]
    [InlineData("X.Gateway.Anything")]
    [InlineData("X-Forwarded-Port")]
    [InlineData("X-Http-Method.Override")]
    [InlineData("X-Real.IP")]
    [InlineData("Any_Underscore")]
    public void IsProtected_AnySpellingOfAProtectedName_True(string name) => Assert.True(Filter.IsProtected(name));

    [Theory]
    [InlineData("X-Client-Identity")]
    [InlineData("X-Clients-Id")]
    [InlineData("Accept")]
    [InlineData("X-Request-Trace")]
    public void IsProtected_OtherNames_False(string name) => Assert.False(Filter.IsProtected(name));

    [Fact]
    public void IsProtected_LongPaddingBeforeAProtectedName_StillFoldsToIt() =>
        Assert.True(Filter.IsProtected(new string('-', 200) + "X-Client-Id"));

    [Fact]
    public async Task Apply_RemovesProtectedNamesAndTokenShapedValuesOnly()
    {
        var http = new DefaultHttpContext();
        var inbound = new (string Name, string Value)[]
        {
            ("X-Client.Id", "2"), ("User-Agent", "bot opt_live_AAAA"), ("X-Api-Key", "OPT_ADMIN_x"), ("X-Trace", "kept"), ("Accept", "application/json"),
        };
        using var proxy = new HttpRequestMessage(HttpMethod.Get, "http://backend/api/v1/me");
        foreach (var (name, value) in inbound)
        {
            http.Request.Headers.Append(name, value);
            proxy.Headers.TryAddWithoutValidation(name, value);
        }

        await Filter.ApplyAsync(new RequestTransformContext { HttpContext = http, ProxyRequest = proxy, Path = "/api/v1/me", Query = new QueryTransformContext(http.Request) });

        Assert.Equal(["X-Trace", "Accept"], proxy.Headers.NonValidated.Select(h => h.Key));
    }
}
