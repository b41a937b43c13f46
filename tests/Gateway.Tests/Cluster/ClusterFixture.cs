using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Cluster;

/// <summary>
/// Two real gateway processes (A and B) on different ports, started at the same moment on one empty PostgreSQL
/// database (so both race to migrate it) and one Redis, in front of one legacy stub: what a host runs behind a load
/// balancer. The servers are the test's own, so tests can stop and start them.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string Credential = "Bearer cluster-backend-secret";
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-cluster-").FullName;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public WireMockServer Backend { get; private set; } = null!;

    public GatewayProcess A { get; private set; } = null!;

    public GatewayProcess B { get; private set; } = null!;

    public Dictionary<string, string> Environment { get; private set; } = null!;

    /// <summary>The audit folder both instances and the CLI share.</summary>
    public string AuditFolder => Path.Combine(_root, "logs");

    /// <summary>Settings a fixture adds (e.g. a long cache bound, so only the broadcast can explain a fast revoke).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public string AdminKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        Environment = GatewayProcess.Environment(Path.Combine(_root, "a"), Backend.Url + "/", Credential);
        Environment["Gateway__Storage__Provider"] = "Postgres";
        Environment["Gateway__Storage__ConnectionString"] = Postgres.ConnectionString("gateway");
        Environment["Gateway__Redis__Configuration"] = Redis.Configuration;
        Environment["Gateway__RateLimiting__Store"] = "Redis";
        // One audit folder for the whole store (each process writes chains of its own there), one key from configuration.
        Environment["Gateway__Audit__Path"] = AuditFolder;
        Environment["Gateway__Audit__ChainKey"] = TestAuditKeys.Current;
        // Sign-in posts per address per minute, low enough for a test to reach across both instances.
        Environment["Gateway__Admin__SignInAttemptsPerMinute"] = ClusterTests.SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in Settings)
        {
            Environment[key] = value;
        }

        // Npgsql's "Database" must exist; the gateway creates its tables, not the database.
        var (exit, _, stderr) = await ProcessRunner.RunAsync("psql", ["-h", "127.0.0.1", "-p", Postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-c", "CREATE DATABASE gateway"]);
        Assert.True(exit == 0, stderr);

        var environmentB = new Dictionary<string, string>(Environment)
        {
            ["Gateway__Storage__DataPath"] = Path.Combine(_root, "b"),
        };
        var startA = GatewayProcess.StartAsync(Environment, plainHttp: false);
        var startB = GatewayProcess.StartAsync(environmentB, plainHttp: false);
        A = await startA;
        B = await startB;
        var (created, _, error) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "staff", "create", "cluster-owner", "--role", "admin"], Environment, stdin: "cluster owner password");
        Assert.True(created == 0, error);
        AdminKey = (await CliAsync("admin", "keys", "create", "--name", "cluster", "--role", "admin", "--owner", "cluster-owner", "--json")).GetProperty("key").GetString()!;
    }

    public virtual async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Backend.Stop();
        Backend.Dispose();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The CLI on the cluster's store (and Redis), as an operator would run it on any host.</summary>
    public async Task<JsonElement> CliAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], Environment);
        Assert.True(exit == 0, $"gateway {string.Join(' ', args)}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>An admin API client on <paramref name="instance"/>'s admin listener, with the cluster's admin key.</summary>
    public static HttpClient Admin(GatewayProcess instance, string adminKey)
    {
        var client = instance.CreateClient(admin: true);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        return client;
    }

    /// <summary><c>GET /api/v1/me</c> with <paramref name="token"/> on whichever instance <paramref name="client"/> talks to.</summary>
    public static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>Creates a token through A's admin API; returns its id and plaintext.</summary>
    public async Task<(long Id, string Token)> CreateTokenAsync(int? rateLimit = null, string[]? allowedIps = null)
    {
        using var admin = Admin(A, AdminKey);
        using var response = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new
        {
            clientId = 1,
            name = $"c-{Guid.NewGuid():N}"[..30],
            scopes = new[] { "account:read" },
            allowedIps = allowedIps ?? [],
            rateLimitPerMinute = rateLimit,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("token").GetProperty("id").GetInt64(), json.GetProperty("plaintext").GetString()!);
    }
}

/// <summary>
/// The cluster with a one-minute cache bound (the most allowed): a change that shows on the other instance within a second can only
/// have come over Redis.
/// </summary>
public sealed class BroadcastClusterFixture : ClusterFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway__Tokens__CacheRevalidateAfter"] = "00:01:00",
    };
}
