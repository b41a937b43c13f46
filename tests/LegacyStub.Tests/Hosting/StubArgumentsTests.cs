using LegacyStub.Hosting;

namespace LegacyStub.Tests.Hosting;

public sealed class StubArgumentsTests
{
    [Fact]
    public void Parse_NoArguments_UsesDefaults()
    {
        var options = StubArguments.Parse([], credentialFromEnvironment: null).Options;

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(5080, options.Port);
        Assert.Equal("Bearer stub-backend-secret", options.Credential);
    }

    [Fact]
    public void Parse_EnvironmentCredential_IsUsed()
    {
        var options = StubArguments.Parse([], "Bearer from-env").Options;

        Assert.Equal("Bearer from-env", options.Credential);
    }

    [Fact]
    public void Parse_CommandLineCredential_WinsOverEnvironment()
    {
        var options = StubArguments.Parse(["--credential", "Bearer from-cli"], "Bearer from-env").Options;

        Assert.Equal("Bearer from-cli", options.Credential);
    }

    [Fact]
    public void Parse_AllOptionsInBothForms_AreRead()
    {
        var options = StubArguments.Parse(["--host", "0.0.0.0", "--port=6001", "--credential=Bearer x=y"], null).Options;

        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(6001, options.Port);
        Assert.Equal("Bearer x=y", options.Credential);
    }

    [Fact]
    public void Parse_Help_AsksForUsage()
    {
        Assert.True(StubArguments.Parse(["--help"], null).ShowHelp);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "65536")]
    [InlineData("--port", "-1")]
    [InlineData("--credential", "")]
    public void Parse_BadValue_Throws(string option, string value)
    {
        Assert.Throws<ArgumentException>(() => StubArguments.Parse([option, value], null));
    }

    [Theory]
    [InlineData("--credentail", "Bearer secret-value")]
    [InlineData("Bearer secret-value")]
    public void Parse_UnexpectedArgument_ThrowsWithoutEchoingValues(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => StubArguments.Parse(args, null));

        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }
}
