using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cli;

/// <summary>
/// Runs <c>gateway …</c> in-process against a store of its own (<c>--data</c>), and reads the store back
/// through the CLI's own <c>--json</c> output, so tests see what an operator would.
/// </summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-cli-tests", Guid.NewGuid().ToString("N"));
    private TestStore.Database? _store;

    /// <summary>Today on the server's clock, which is what expiry dates are compared with.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string?> Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString())];

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        _store ??= await TestStore.CreateAsync();
        var exit = await GatewayCli.RunAsync([.. args, "--data", _data], stdout, stderr, configuration: _store.Settings);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that must succeed and returns its <c>--json</c> output.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        Assert.True(result.Exit == 0, $"gateway {string.Join(' ', args)} exited {result.Exit}: {result.Stderr}");
        return result.Json;
    }

    /// <summary>
    /// Creates a token (with any further <c>tokens create</c> options) and returns its id; it grants
    /// <c>account:read</c> unless the options name its scopes or roles (a token must grant something).
    /// </summary>
    public async Task<long> CreateTokenAsync(long client, string name, params string[] options)
    {
        string[] grants = options.Contains("--scopes") || options.Contains("--roles") ? [] : ["--scopes", "account:read"];
        var created = await JsonAsync(["tokens", "create", "--client", Text(client), "--name", name, .. grants, .. options]);
        return created.GetProperty("id").GetInt64();
    }

    public Task<JsonElement> ShowAsync(long id) => JsonAsync("tokens", "show", Text(id));

    public async Task<IReadOnlyList<JsonElement>> TokensAsync() => [.. (await JsonAsync("tokens", "list")).EnumerateArray()];

    public async Task<IReadOnlyList<JsonElement>> RolesAsync() => [.. (await JsonAsync("roles", "list")).EnumerateArray()];

    public async Task<JsonElement> RoleAsync(string name) =>
        Assert.Single(await RolesAsync(), r => r.GetProperty("name").GetString() == name);

    public void Dispose()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
