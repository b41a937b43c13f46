using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Notices;
using Gateway.Notices.Webhooks;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Tests.Notices;

/// <summary>Signed event webhooks against a WireMock receiver: the signature, retries on failure, the replay window, send again.</summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
    private GatewayFixture _gateway = null!;

    public async Task InitializeAsync()
    {
        _receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _gateway = new GatewayFixture { Clock = _clock };
        _gateway.Settings["Gateway:Notices:Webhooks:siem:Url"] = _receiver.Url + "/hooks";
        _gateway.Settings["Gateway:Notices:Webhooks:siem:Secret"] = Secret;
        await _gateway.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _receiver.Stop();
        _receiver.Dispose();
    }

    private IReadOnlyList<(string Body, string Signature, string Type)> Received() =>
        [.. _receiver.LogEntries.Where(e => e.RequestMessage?.Path == "/hooks" && e.RequestMessage.Method == "POST").Select(e => (
            e.RequestMessage!.Body ?? "",
            e.RequestMessage.Headers![WebhookSignature.Header].Single(),
            e.RequestMessage.Headers[WebhookSignature.EventTypeHeader].Single()))];

    private Task<CreatedToken> CreateAsync() =>
        _gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Name = $"w-{Guid.NewGuid():N}"[..20], Scopes = [ScopeCatalog.AccountRead] });

    [Fact]
    public async Task Create_Token_PostsAnEventSignedWithTheSharedSecret()
    {
        var token = await CreateAsync();
        await Eventually.TrueAsync(() => Received().Count >= 1, "a webhook");

        var (body, signature, type) = Assert.Single(Received());
        Assert.Equal("token.created", type);
        // Recomputed here from the documented scheme, not with the gateway's own code.
        var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(parts["t"] + "." + body)));
        Assert.Equal(expected, parts["v1"]);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture));
        var json = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("evt_", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("token.created", json.GetProperty("type").GetString());
        Assert.Equal(token.Token.Name, json.GetProperty("data").GetProperty("token").GetProperty("name").GetString());
        Assert.Equal(token.Token.Hint, json.GetProperty("data").GetProperty("token").GetProperty("hint").GetString());
        Assert.Equal("test", json.GetProperty("data").GetProperty("actor").GetString());
        Assert.DoesNotContain(token.Plaintext, body, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenFormat.HashForAudit(token.Plaintext), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver500_RetriedWithBackoffUntilItAnswers200()
    {
        _receiver.Reset();
        _receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500));
        _receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200));
        var token = await CreateAsync();
        var log = _gateway.Services.GetRequiredService<DeliveryLog>();
        await Eventually.TrueAsync(() => Received().Count >= 1, "the first webhook");
        await Eventually.TrueAsync(async () => (await log.QueryAsync(null, 1, 100)).Items.Any(d => d.TokenId == token.Token.Id && d.Attempts == 1), "the failed attempt recorded");

        _clock.Advance(TimeSpan.FromSeconds(31));
        MailFixture.Wake(_gateway);
        await Eventually.TrueAsync(() => Received().Count >= 2, "the retry");
        await Eventually.TrueAsync(async () => (await log.QueryAsync(DeliveryStatus.Sent, 1, 100)).Items.Any(d => d.TokenId == token.Token.Id), "the delivery marked sent");

        var received = Received();
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.NotEqual(received[0].Signature, received[1].Signature);
        var delivery = (await log.QueryAsync(DeliveryStatus.Sent, 1, 100)).Items.Single(d => d.TokenId == token.Token.Id);
        var attempts = (await log.GetAsync(delivery.Id))!.RecentAttempts;
        Assert.Equal(["HTTP 200", "HTTP 500"], attempts.Select(a => a.Result));
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task Signature_ReplayedOutsideTheToleranceWindowOrAltered_DoesNotVerify()
    {
        await CreateAsync();
        await Eventually.TrueAsync(() => Received().Count >= 1, "a webhook");
        var (body, signature, _) = Received()[0];
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = _clock.GetUtcNow();

        Assert.True(WebhookSignature.Verify(Secret, signature, bytes, now));
        Assert.True(WebhookSignature.Verify(Secret, signature, bytes, now + TimeSpan.FromMinutes(4)));
        Assert.False(WebhookSignature.Verify(Secret, signature, bytes, now + TimeSpan.FromMinutes(6)));
        Assert.False(WebhookSignature.Verify(Secret, signature, bytes, now - TimeSpan.FromMinutes(6)));
        Assert.False(WebhookSignature.Verify(Secret, signature, Encoding.UTF8.GetBytes(body.Replace("token.created", "token.revoked", StringComparison.Ordinal)), now));
        Assert.False(WebhookSignature.Verify(Secret + "x", signature, bytes, now));
        // A replay with a fresh timestamp but the old v1 does not verify either: the timestamp is signed.
        var fresh = signature.Replace($"t={now.ToUnixTimeSeconds()}", $"t={(now + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds()}", StringComparison.Ordinal);
        Assert.False(WebhookSignature.Verify(Secret, fresh, bytes, now + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task SendAgain_DeliveredOnceMoreAndAudited()
    {
        var token = await CreateAsync();
        var log = _gateway.Services.GetRequiredService<DeliveryLog>();
        await Eventually.TrueAsync(async () => (await log.QueryAsync(DeliveryStatus.Sent, 1, 100)).Items.Any(d => d.TokenId == token.Token.Id), "the first delivery");
        var delivery = (await log.QueryAsync(DeliveryStatus.Sent, 1, 100)).Items.Single(d => d.TokenId == token.Token.Id);

        var queued = await log.SendAgainAsync(delivery.Id, "staff:alice");
        await Eventually.TrueAsync(() => Received().Count(r => r.Body.Contains(token.Token.Name, StringComparison.Ordinal)) >= 2, "the webhook sent again");

        Assert.Equal(DeliveryStatus.Pending, queued!.Status);
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            text = string.Join('\n', await Audit.AuditFile.ReadLinesAsync(Path.Combine(_gateway.DataPath, "logs")));
            return text.Contains("notice.resent", StringComparison.Ordinal);
        }, "the audit event");
        Assert.Contains($"delivery:{delivery.Id}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientSuspendedAndClosed_PostedWithTheStateAndEveryRevokedToken()
    {
        const long clientId = 3;
        var token = await _gateway.CreateTokenAsync(new TokenSpec { ClientId = clientId, Name = $"c-{Guid.NewGuid():N}"[..20], Scopes = [ScopeCatalog.AccountRead] });
        var clients = _gateway.Services.GetRequiredService<Gateway.Clients.ClientService>();

        await clients.SuspendAsync(clientId, "billing-hook", "unpaid invoice");
        await clients.CloseAsync(clientId, "billing-hook", "account deleted");
        await Eventually.TrueAsync(() => Received().Any(r => r.Type == "client.closed") && Received().Any(r => r.Type == "token.revoked"), "the client and token events");

        var suspended = JsonDocument.Parse(Received().Single(r => r.Type == "client.suspended").Body).RootElement.GetProperty("data");
        Assert.Equal(clientId, suspended.GetProperty("client").GetProperty("id").GetInt64());
        Assert.Equal("suspended", suspended.GetProperty("client").GetProperty("state").GetString());
        Assert.Equal("unpaid invoice", suspended.GetProperty("client").GetProperty("reason").GetString());
        Assert.Equal("billing-hook", suspended.GetProperty("actor").GetString());
        var closed = JsonDocument.Parse(Received().Single(r => r.Type == "client.closed").Body).RootElement.GetProperty("data");
        Assert.Equal("closed", closed.GetProperty("client").GetProperty("state").GetString());
        var revoked = JsonDocument.Parse(Received().Single(r => r.Type == "token.revoked").Body).RootElement.GetProperty("data").GetProperty("token");
        Assert.Equal(token.Token.Id, revoked.GetProperty("id").GetInt64());
        Assert.Equal("client_closed", revoked.GetProperty("revoke_kind").GetString());
    }

    [Fact]
    public void Validate_BadWebhookSettings_FailNamingEachSetting()
    {
        var options = new NoticeOptions();
        options.Webhooks["siem"] = new WebhookEndpointOptions { Url = new Uri("http://203.0.113.9/hooks"), Secret = "short", Events = ["token.nope"] };
        options.Webhooks["Bad Name"] = new WebhookEndpointOptions { Url = new Uri("https://siem.example/hooks"), Secret = Secret };

        var result = new NoticeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = result.FailureMessage;
        Assert.Contains("Gateway:Notices:Webhooks:siem:Url must be an absolute https URL", message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Notices:Webhooks:siem:Secret must be at least 32 characters", message, StringComparison.Ordinal);
        Assert.Contains("unknown event type 'token.nope'", message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Notices:Webhooks:Bad Name: endpoint names", message, StringComparison.Ordinal);
    }
}
