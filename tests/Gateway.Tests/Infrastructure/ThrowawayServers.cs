using System.Globalization;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A Redis server of a test's own (Debian's redis-server, installed by ./test.sh) on a free loopback port, in a temp
/// folder, without persistence. A test may stop and start it to see what the gateway does meanwhile.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-redis-").FullName;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts it (again, on the same port, empty).</summary>
    public async Task StartAgainAsync()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var (exit, _, stderr) = await ProcessRunner.RunAsync("redis-server", [
            "--bind", "127.0.0.1", "--port", port, "--daemonize", "yes", "--dir", _folder, "--save", "", "--appendonly", "no",
            "--pidfile", Path.Combine(_folder, "redis.pid"), "--logfile", Path.Combine(_folder, "redis.log")]);
        Assert.True(exit == 0, $"redis-server did not start: {stderr}");
        for (var i = 0; i < 100; i++)
        {
            if ((await ProcessRunner.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port, "ping"])).Stdout.Contains("PONG", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"redis-server did not answer on port {port}");
    }

    public async Task StopAsync()
    {
        await ProcessRunner.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "shutdown", "nosave"]);
        var pidFile = Path.Combine(_folder, "redis.pid");
        for (var i = 0; i < 100 && File.Exists(pidFile); i++)
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// A PostgreSQL server of a test's own (initdb + pg_ctl from Debian's postgresql, as the postgres user), on a free
/// loopback port with trust authentication, for tests that stop the database under a running gateway.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Timeout=3;Command Timeout=5";

    private static string Bin => Directory.GetDirectories("/usr/lib/postgresql")
        .OrderBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
        .Select(d => Path.Combine(d, "bin"))
        .LastOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries not found (./test.sh installs Debian's postgresql).");

    public static async Task<PostgresServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-pg-").FullName;
        // The server runs as the postgres user: it owns the folder, and every user may enter it.
        await ProcessRunner.RunAsync("chmod", ["755", folder]);
        await AsPostgres("chown", "postgres:postgres", folder);
        var server = new PostgresServer(folder, FreePort.Next());
        var (exit, stdout, stderr) = await AsPostgres(Path.Combine(Bin, "initdb"), "-D", server.DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        Assert.True(exit == 0, $"initdb failed: {stdout}{stderr}");
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public async Task StartAgainAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port.ToString(CultureInfo.InvariantCulture)} -k {_folder} -c fsync=off";
        var (exit, stdout, stderr) = await AsPostgres(Path.Combine(Bin, "pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-o", options, "-w", "start");
        Assert.True(exit == 0, $"pg_ctl start failed: {stdout}{stderr}");
    }

    /// <summary>Stops it at once (connections cut, as when the database host goes away).</summary>
    public async Task StopAsync() =>
        await AsPostgres(Path.Combine(Bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static Task<(int Exit, string Stdout, string Stderr)> AsPostgres(string program, params string[] args) =>
        Environment.UserName == "root" && program != "chown"
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. args])
            : ProcessRunner.RunAsync(program, args);
}
