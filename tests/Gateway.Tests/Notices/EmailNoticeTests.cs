using Gateway.Notices;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests.Notices;

/// <summary>E-mail notices to clients through a real SMTP server: what they say, to whom, when, and retries.</summary>
public sealed class EmailNoticeTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private GatewayFixture Gateway => fixture.Gateway;

    private static string AddressOf(long clientId) => BillingData.Default.ForClient(clientId)!.Profile.Email;

    private static TokenSpec Spec(long clientId, DateOnly? expiresOn = null) => new()
    {
        ClientId = clientId,
        Name = $"n-{Guid.NewGuid():N}"[..20],
        Scopes = [ScopeCatalog.AccountRead],
        ExpiresOn = expiresOn,
    };

    [Fact]
    public async Task Create_Token_MailsItsClientOnceNamingTheTokenNeverTheSecret()
    {
        var created = await Gateway.CreateTokenAsync(Spec(1));
        await fixture.WaitForMailsAsync(created.Token.Name, 1);

        var mail = Assert.Single(fixture.MailsAbout(created.Token.Name));
        Assert.Equal([AddressOf(1)], mail.Recipients);
        Assert.Equal(AddressOf(1), Assert.Single(mail.Message.To.Mailboxes).Address);
        Assert.Equal("noreply@hosting.example", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal($"New API token \"{created.Token.Name}\"", mail.Message.Subject);
        Assert.Contains(created.Token.Hint, mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains(created.Token.Hint[^4..], mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://billing.hosting.example/client/tokens", mail.Message.TextBody, StringComparison.Ordinal);
        NoticeAssert.NothingSecret(mail, created.Plaintext);
        // The address came from the backend, asked as the gateway forwards: that client's id and the backend credential.
        var lookup = Gateway.Backend.LogEntries.Last(e => e.RequestMessage?.Path == "/api/v1/me");
        Assert.Equal("1", lookup.RequestMessage!.Headers!["X-Client-Id"].Single());
        Assert.Equal(GatewayFixture.BackendCredential, lookup.RequestMessage.Headers["Authorization"].Single());
    }

    [Fact]
    public async Task Revoke_AndPlainHttpExposure_MailWhatHappenedAndWhatToDo()
    {
        var revoked = await Gateway.CreateTokenAsync(Spec(2));
        var exposed = await Gateway.CreateTokenAsync(Spec(2));

        await Gateway.Tokens.RevokeAsync(revoked.Token.Id, "staff:alice", "no longer used");
        await Gateway.Tokens.RevokeAsync(exposed.Token.Id, TokenService.ExposureActor, "Exposed: sent over plain HTTP.");
        await fixture.WaitForMailsAsync(revoked.Token.Name, 2);
        await fixture.WaitForMailsAsync(exposed.Token.Name, 2);

        var revokedMail = fixture.MailsAbout(revoked.Token.Name).Single(m => (m.Message.Subject ?? "").Contains("revoked", StringComparison.Ordinal));
        Assert.Contains("no longer used", revokedMail.Message.TextBody, StringComparison.Ordinal);
        var exposedMail = fixture.MailsAbout(exposed.Token.Name).Single(m => (m.Message.Subject ?? "").StartsWith("Action needed", StringComparison.Ordinal));
        Assert.Contains("https://", exposedMail.Message.TextBody, StringComparison.Ordinal);
        Assert.All(fixture.MailsAbout(revoked.Token.Name).Concat(fixture.MailsAbout(exposed.Token.Name)), m =>
        {
            Assert.Equal([AddressOf(2)], m.Recipients);
            NoticeAssert.NothingSecret(m, revoked.Plaintext, exposed.Plaintext);
        });
    }

    [Fact]
    public async Task ExpiryScan_14And3DaysBeforeAndExpired_EachMailedOnceHoweverOftenItRuns()
    {
        var scheduler = Gateway.Services.GetRequiredService<ExpiryNoticeScheduler>();
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var token = await Gateway.CreateTokenAsync(Spec(3, today.AddDays(10)));
        await fixture.WaitForMailsAsync(token.Token.Name, 1);

        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        MailFixture.Wake(Gateway);
        await fixture.WaitForMailsAsync(token.Token.Name, 2);
        fixture.Clock.Advance(TimeSpan.FromDays(8));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        MailFixture.Wake(Gateway);
        await fixture.WaitForMailsAsync(token.Token.Name, 3);
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        MailFixture.Wake(Gateway);
        await fixture.WaitForMailsAsync(token.Token.Name, 4);
        // A later notice about another token proves the dispatcher has been round again since.
        var sentinel = await Gateway.CreateTokenAsync(Spec(3));
        await fixture.WaitForMailsAsync(sentinel.Token.Name, 1);

        var subjects = fixture.MailsAbout(token.Token.Name).Select(m => m.Message.Subject).ToList();
        Assert.Equal(4, subjects.Count);
        Assert.Contains($"API token \"{token.Token.Name}\" expires in 10 days", subjects);
        Assert.Contains($"API token \"{token.Token.Name}\" expires in 2 days", subjects);
        Assert.Contains($"API token \"{token.Token.Name}\" has expired", subjects);
    }

    [Fact]
    public async Task Scan_TokenGauges_OnMetrics()
    {
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        await Gateway.CreateTokenAsync(Spec(4, today.AddDays(5)));

        await Gateway.Services.GetRequiredService<ExpiryNoticeScheduler>().RunOnceAsync(CancellationToken.None);
        using var metrics = await Gateway.CreateAdminClient().GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Matches(@"gateway_tokens_expiring_soon(\{[^}]*\})? [1-9]", text);
        Assert.Contains("gateway_tokens_leaked", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_BackendAnswersWithAnotherClientsProfile_NobodyIsMailed()
    {
        // A backend bug: client 77's profile request answers with client 1's profile.
        Gateway.Backend.Given(Request.Create().WithPath("/api/v1/me").WithHeader("X-Client-Id", "77"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($"{{\"data\":{{\"id\":1,\"email\":\"{AddressOf(1)}\"}}}}"));
        var token = await Gateway.CreateTokenAsync(Spec(77));
        var log = Gateway.Services.GetRequiredService<DeliveryLog>();

        await Eventually.TrueAsync(async () => (await log.QueryAsync(DeliveryStatus.Failed, 1, 100)).Items.Any(d => d.TokenId == token.Token.Id),
            "the delivery refused for good");

        Assert.Empty(fixture.MailsAbout(token.Token.Name));
        var failed = (await log.QueryAsync(DeliveryStatus.Failed, 1, 100)).Items.Single(d => d.TokenId == token.Token.Id);
        Assert.Contains("not client 77", failed.LastResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_SmtpServerDown_RetriedWithBackoffThenDeliveredOnce()
    {
        await fixture.Catcher.StopAsync();
        var token = await Gateway.CreateTokenAsync(Spec(1));
        var log = Gateway.Services.GetRequiredService<DeliveryLog>();
        await Eventually.TrueAsync(async () => (await log.QueryAsync(null, 1, 100)).Items.Any(d => d.TokenId == token.Token.Id && d.Attempts >= 1),
            "a first failed attempt");
        var afterFailure = (await log.QueryAsync(null, 1, 100)).Items.Single(d => d.TokenId == token.Token.Id);

        await fixture.RestartCatcherAsync();
        // Not before the backoff: the next attempt waits for the clock (30 s at the default setting, less jitter).
        MailFixture.Wake(Gateway);
        var sentinel = await Gateway.CreateTokenAsync(Spec(1));
        await fixture.WaitForMailsAsync(sentinel.Token.Name, 1);
        var tooEarly = fixture.MailsAbout(token.Token.Name).Count;
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        MailFixture.Wake(Gateway);
        await fixture.WaitForMailsAsync(token.Token.Name, 1);

        Assert.Equal(DeliveryStatus.Pending, afterFailure.Status);
        Assert.Equal(1, afterFailure.Attempts);
        Assert.True(afterFailure.NextAttemptAt > afterFailure.LastAttemptAt);
        Assert.Equal(0, tooEarly);
        // The catcher has the message before the sender records it: wait for the record.
        DeliveryView? delivered = null;
        await Eventually.TrueAsync(async () => (delivered = await log.GetAsync(afterFailure.Id))!.Status == DeliveryStatus.Sent, "the delivery recorded as sent");
        Assert.Equal([true, false], delivered!.RecentAttempts.Select(a => a.Succeeded));
        Assert.Single(fixture.MailsAbout(token.Token.Name));
    }

    [Fact]
    public async Task Leak_Revoked_MailSaysWhereItWasFound()
    {
        var token = await Gateway.CreateTokenAsync(Spec(2));
        const string url = "https://github.com/example/repo/blob/0123/.env";

        var result = await Gateway.Services.GetRequiredService<TokenLeaks>().RevokeAsync(TokenFormat.Hash(token.Plaintext), url, "commit", "GitHub secret scanning", "system:secret-scanning");
        await fixture.WaitForMailsAsync(token.Token.Name, 2);

        Assert.Equal(LeakOutcome.Revoked, result.Outcome);
        var mail = fixture.MailsAbout(token.Token.Name).Single(m => (m.Message.Subject ?? "").Contains("found in public", StringComparison.Ordinal));
        Assert.Contains(url, mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal([AddressOf(2)], mail.Recipients);
        NoticeAssert.NothingSecret(mail, token.Plaintext);
    }

    [Fact]
    public async Task Notices_KindTurnedOff_NotMailed()
    {
        // An instance with creation notices turned off: it mails the revocation only.
        await using var off = new GatewayFixture();
        foreach (var (key, value) in MailFixture.Settings(fixture.SmtpPort))
        {
            off.Settings[key] = value;
        }

        off.Settings["Gateway:Notices:Email:Kinds:Created"] = "false";
        await off.InitializeAsync();
        var silent = await off.CreateTokenAsync(Spec(1));
        await off.Tokens.RevokeAsync(silent.Token.Id, "test", null);
        await fixture.WaitForMailsAsync(silent.Token.Name, 1);

        Assert.Single(fixture.MailsAbout(silent.Token.Name));
        Assert.Contains("revoked", fixture.MailsAbout(silent.Token.Name)[0].Message.Subject ?? "", StringComparison.Ordinal);
    }
}
