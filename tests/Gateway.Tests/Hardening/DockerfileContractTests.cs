using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>
/// What the image promises, read from the Dockerfile itself (no Docker engine on the CI machines; test.sh lints
/// it with dockerfilelint): a non-root runtime on the ASP.NET image, /data and /logs volumes wired to the store
/// and the audit log, listeners on all interfaces, a health check that needs no curl; and a build context that
/// keeps stores, keys and logs out.
/// </summary>
public sealed class DockerfileContractTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void Dockerfile_RuntimeStage_IsAspNetImageAsNonRootUser()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, froms.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", froms[0], StringComparison.Ordinal);
        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0", froms[1]);
        var user = Assert.Single(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(Lines, user) > Array.IndexOf(Lines, froms[1]), "USER applies to the runtime stage");
    }

    [Theory]
    [InlineData("Gateway__Storage__DataPath=/data")]
    [InlineData("Gateway__Audit__Path=/logs")]
    [InlineData("Kestrel__Endpoints__Public__Url=https://0.0.0.0:8443")]
    [InlineData("Kestrel__Endpoints__Admin__Url=https://0.0.0.0:9443")]
    public void Dockerfile_Environment_WiresVolumesAndListeners(string setting)
    {
        Assert.Contains(Lines, l => l.Trim().TrimEnd('\\').Trim() == setting || l.Trim().StartsWith($"ENV {setting}", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_VolumesAndHealthCheck_DataLogsAndGatewayHealth()
    {
        Assert.Contains("VOLUME [\"/data\", \"/logs\"]", Lines);
        var check = Assert.Single(Lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.EndsWith("CMD [\"dotnet\", \"/app/gateway.dll\", \"health\"]", check, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/")]
    [InlineData("logs/")]
    [InlineData("**/*.db")]
    [InlineData("**/*.key")]
    [InlineData("**/*.pfx")]
    [InlineData(".git")]
    [InlineData("**/bin/")]
    [InlineData("**/obj/")]
    public void Dockerignore_SecretsStoresAndBuildOutput_AreExcluded(string pattern)
    {
        Assert.Contains(pattern, File.ReadAllLines(Path.Combine(Root, ".dockerignore")));
    }
}
