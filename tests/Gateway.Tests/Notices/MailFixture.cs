using System.Globalization;
using Gateway.Notices;
using Gateway.Tests.Infrastructure;
using LegacyStub.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Notices;

/// <summary>
/// The gateway with e-mail notices on, mailing through a real SMTP server of the test's own (the mail catcher) on a
/// free loopback port, on a clock the test moves. Everything else is at its default settings.
/// </summary>
public class MailFixture : IAsyncLifetime
{
    public int SmtpPort { get; } = FreePort.Next();

    public MailCatcher Catcher { get; private set; } = null!;

    public GatewayFixture Gateway { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);

    public virtual async Task InitializeAsync()
    {
        Catcher = await MailCatcher.StartAsync(SmtpPort);
        Gateway = await StartGatewayAsync(Clock);
    }

    /// <summary>Another gateway instance mailing through the same catcher, optionally on <paramref name="store"/> in <paramref name="dataPath"/>.</summary>
    public async Task<GatewayFixture> StartGatewayAsync(ManualTimeProvider clock, string? dataPath = null, TestStore.Database? store = null)
    {
        var gateway = dataPath is null
            ? new GatewayFixture { Clock = clock, KeepData = true }
            : new GatewayFixture { Clock = clock, DataPath = dataPath, SharedStore = store, KeepData = true };
        foreach (var (key, value) in Settings(SmtpPort))
        {
            gateway.Settings[key] = value;
        }

        await gateway.InitializeAsync();
        _ = gateway.Services; // starts the host: the dispatcher runs from now on
        return gateway;
    }

    public static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Gateway:Notices:Email:Enabled"] = "true",
        ["Gateway:Notices:Email:Host"] = "127.0.0.1",
        ["Gateway:Notices:Email:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        // The catcher is a relay on this machine: the one case where plain SMTP is allowed.
        ["Gateway:Notices:Email:Security"] = "None",
        ["Gateway:Notices:Email:From"] = "Example Hosting <noreply@hosting.example>",
        ["Gateway:Notices:Email:ManageTokensUrl"] = "https://billing.hosting.example/client/tokens",
    };

    /// <summary>Replaces the catcher with a new one on the same port (after <see cref="MailCatcher.StopAsync"/>: the mail server is back).</summary>
    public async Task RestartCatcherAsync()
    {
        _earlier.AddRange(Catcher.Messages);
        Catcher = await MailCatcher.StartAsync(SmtpPort);
    }

    private readonly List<CaughtMail> _earlier = [];

    /// <summary>Every message received, by this catcher and the ones before a restart.</summary>
    public IReadOnlyList<CaughtMail> AllMessages => [.. _earlier, .. Catcher.Messages];

    /// <summary>Mails about the token named <paramref name="name"/>.</summary>
    public IReadOnlyList<CaughtMail> MailsAbout(string name) =>
        [.. AllMessages.Where(m => (m.Message.Subject ?? "").Contains($"\"{name}\"", StringComparison.Ordinal))];

    public Task WaitForMailsAsync(string name, int count) =>
        Eventually.TrueAsync(() => MailsAbout(name).Count >= count, $"{count} mail(s) about token {name}");

    /// <summary>Wakes the dispatcher now instead of at its next poll.</summary>
    public static void Wake(GatewayFixture gateway) => gateway.Services.GetRequiredService<OutboxSignal>().Notify();

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Catcher.DisposeAsync();
        try
        {
            Directory.Delete(Gateway.DataPath, recursive: true);
        }
        catch (IOException)
        {
        }

        await Gateway.Store.DisposeAsync();
    }
}
