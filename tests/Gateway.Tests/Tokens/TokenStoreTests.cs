using System.Text;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Tokens;

/// <summary>The store holds hashes only, and the token services validate before they write.</summary>
public sealed class TokenStoreTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Create_Token_StoreFilesNeverContainPlaintextOnlyItsHash()
    {
        var created = new List<CreatedToken>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead));
        }

        // Every byte of the SQLite files, or every row of the PostgreSQL database.
        var text = await gateway.Store.DumpAsync(gateway.DataPath);

        foreach (var token in created)
        {
            var secret = token.Plaintext["opt_live_".Length..];
            Assert.DoesNotContain(token.Plaintext, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[16..32], text, StringComparison.Ordinal);
        }

        await using var db = await gateway.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync();
        foreach (var token in created)
        {
            var row = await db.Tokens.SingleAsync(t => t.Id == token.Token.Id);
            Assert.Equal(TokenFormat.Hash(token.Plaintext), row.TokenHash);
            Assert.Equal("opt_live_…" + token.Plaintext[^4..], row.Hint);
        }
    }

    [Theory]
    [InlineData(0, "ok-name", "account:read", "clientId")]
    [InlineData(-4, "ok-name", "account:read", "clientId")]
    [InlineData(1, "", "account:read", "name")]
    [InlineData(1, "has/slash", "account:read", "name")]
    [InlineData(1, " ", "account:read", "name")]
    [InlineData(1, "ok\nname", "account:read", "name")]
    [InlineData(1, "ümlaut", "account:read", "name")]
    [InlineData(1, "this-name-is-far-too-long-for-a-token-name-of-fifty-c", "account:read", "name")]
    [InlineData(1, "ok-name", "account:write", "scopes")]
    public async Task Create_InvalidSpec_ThrowsNamingTheFieldAndWritesNothing(long clientId, string name, string scope, string field)
    {
        var before = (await gateway.Tokens.ListAsync()).Count;

        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.Tokens.CreateAsync(new TokenSpec { ClientId = clientId, Name = name, Scopes = [scope] }, "test"));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(before, (await gateway.Tokens.ListAsync()).Count);
    }

    [Fact]
    public async Task Create_DuplicateNameForClient_IsRefusedButOtherClientMayUseIt()
    {
        await gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 7, Name = "deploy-script", Scopes = [ScopeCatalog.AccountRead] }, "test");

        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 7, Name = "deploy-script", Scopes = [ScopeCatalog.AccountRead] }, "test"));
        var other = await gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 8, Name = "deploy-script", Scopes = [ScopeCatalog.AccountRead] }, "test");

        Assert.Contains("name", error.Errors.Keys);
        Assert.Equal(8, other.Token.ClientId);
    }

    [Fact]
    public async Task List_Tokens_NeverExposesSecretMaterial()
    {
        var token = await gateway.CreateTokenAsync(9, ScopeCatalog.AccountRead);

        var listed = Assert.Single(await gateway.Tokens.ListAsync(9));
        var json = System.Text.Json.JsonSerializer.Serialize(listed);

        Assert.DoesNotContain(token.Plaintext, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(TokenFormat.Hash(token.Plaintext)), json, StringComparison.Ordinal);
        Assert.Equal(TokenStatus.Active, listed.Status);
    }

    [Fact]
    public async Task Create_DuplicateAllowlistEntries_AreStoredOnce()
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 10, AllowedIps = ["10.0.0.1", " 10.0.0.1 ", "2001:DB8::1", "2001:db8::1"] });

        Assert.Equal(["10.0.0.1", "2001:DB8::1"], (await gateway.Tokens.GetAsync(token.Token.Id))!.AllowedIps);
    }
}
