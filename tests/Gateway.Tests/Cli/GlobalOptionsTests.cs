using Gateway.Cli;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cli;

/// <summary>
/// Global options may come before the command (<c>gateway --data D tokens list</c>) and that never starts the server;
/// only nothing, <c>serve</c> or host settings do. A command that creates a store says which one; errors name the
/// flags the user typed.
/// </summary>
public sealed class GlobalOptionsTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-cli-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(true, "--data", "D", "tokens", "list")]
    [InlineData(true, "--json", "--data", "D", "staff", "list")]
    [InlineData(true, "--data=D", "roles", "list")]
    [InlineData(true, "tokenz", "list")]
    [InlineData(true, "--help")]
    [InlineData(false)]
    [InlineData(false, "serve")]
    [InlineData(false, "--data", "D", "serve")]
    [InlineData(false, "--data", "D")]
    [InlineData(false, "--Kestrel:Endpoints:Public:Url=https://127.0.0.1:0")]
    public void IsCommand_GlobalOptionsFirst_DecidedByTheWordAfterThem(bool command, params string[] args)
    {
        Assert.Equal(command, GatewayCli.IsCommand(args));
    }

    [Fact]
    public void ServeArguments_DataBeforeServe_SelectsTheStore()
    {
        var args = GatewayCli.ServeArguments(["--data", "/srv/gw", "serve", "--Gateway:Audit:Path=/var/log/gw"]);

        Assert.Equal(["--Gateway:Audit:Path=/var/log/gw", "--Gateway:Storage:DataPath=/srv/gw"], args);
    }

    [Fact]
    public async Task Process_DataBeforeTheCommand_RunsTheCommandAndExits()
    {
        // The real executable, as an operator types it: with the bug this started a server and never exited.
        var environment = new Dictionary<string, string>(TestStore.Sqlite.Environment);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "--data", _data, "tokens", "list"], environment, TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("ID  CLIENT  NAME", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", stdout + stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"note: no store was at {Path.Combine(_data, "gateway.db")}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NewStore_SaysWhichStoreItCreatedOnce()
    {
        var first = await _cli.RunAsync("roles", "list");
        var second = await _cli.RunAsync("roles", "list");

        Assert.Equal(0, first.Exit);
        Assert.Contains("note: no store was at", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("created a new, empty one", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("", second.Stderr);
    }

    [Theory]
    [InlineData("--client", "tokens", "create", "--client", "0", "--name", "ok-name", "--scopes", "account:read")]
    [InlineData("--ips", "tokens", "create", "--client", "5", "--name", "ok-name", "--scopes", "account:read", "--ips", "10.0.0.300")]
    [InlineData("--expires", "tokens", "create", "--client", "5", "--name", "ok-name", "--scopes", "account:read", "--expires", "2001-01-01")]
    [InlineData("<username>", "staff", "create", "bad name!", "--role", "auditor")]
    [InlineData("--username", "admin", "create", "--username", "bad name!", "--role", "auditor")]
    [InlineData("--role", "staff", "create", "somebody", "--role", "root")]
    public async Task Errors_NameTheFlagTheUserTyped(string flag, params string[] args)
    {
        var result = await _cli.RunAsync(args, "a long enough password\n");

        Assert.Equal(1, result.Exit);
        Assert.Contains($"error: {flag}: ", result.Stderr, StringComparison.Ordinal);
        foreach (var field in new[] { "clientId", "allowedIps", "expiresOn", "error: username", "error: role" })
        {
            Assert.DoesNotContain(field, result.Stderr, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
