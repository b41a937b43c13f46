using System.Security.Cryptography;
using Gateway.Tests.Audit;
using Gateway.Tests.Cli;

namespace Gateway.Tests.Staff;

/// <summary>
/// Keys made before keys had owners get one when the store is migrated: their creator when that account can hold
/// them, else the oldest enabled admin; each assignment is an audit event by <c>gateway</c>.
/// </summary>
public sealed class AdminKeyOwnerUpgradeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Migrate_OwnerlessKeys_GetTheirCreatorOrTheOldestAdmin()
    {
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "first-admin", "--role", "admin"], "upgrade password 1")).Exit);
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "aud", "--role", "auditor"], "upgrade password 2")).Exit);
        // As the keys table held them before owners: no OwnerId.
        await InsertOwnerlessKeyAsync("by-auditor", "auditor", "staff:aud");
        await InsertOwnerlessKeyAsync("by-cli", "admin", "cli:root");
        await InsertOwnerlessKeyAsync("admin-by-auditor", "admin", "staff:aud");

        Assert.Equal(0, (await _cli.RunAsync("migrate")).Exit);
        var keys = (await _cli.JsonAsync("staff", "keys", "list")).EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!, k => k.GetProperty("owner").GetString());

        Assert.Equal("aud", keys["by-auditor"]);
        Assert.Equal("first-admin", keys["by-cli"]);
        Assert.Equal("first-admin", keys["admin-by-auditor"]);
        var events = string.Join('\n', await AuditFile.ReadLinesAsync(Path.Combine(_cli.DataPath, "logs")));
        Assert.Contains("\"Action\":\"admin_key.owner_assigned\"", events, StringComparison.Ordinal);
    }

    private Task<int> InsertOwnerlessKeyAsync(string name, string role, string createdBy) => _cli.Store.ExecuteAsync(
        _cli.DataPath,
        "INSERT INTO admin_api_keys (\"Name\", \"KeyHash\", \"Hint\", \"Role\", \"CreatedAt\", \"CreatedBy\") VALUES (@name, @hash, @hint, @role, @at, @by)",
        ("@name", name),
        ("@hash", RandomNumberGenerator.GetBytes(32)),
        ("@hint", "opt_admin_…abcd"),
        ("@role", role),
        ("@at", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        ("@by", createdBy));

    public void Dispose() => _cli.Dispose();
}
