using System.Runtime.InteropServices;
using LegacyStub.Hosting;
using LegacyStub.Provider;

namespace LegacyStub;

// A named class rather than top-level statements: test projects reference this assembly next to the
// gateway's, and a second global "Program" type would be ambiguous there.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        StubArguments arguments;
        try
        {
            arguments = StubArguments.Parse(
                args,
                Environment.GetEnvironmentVariable(StubArguments.CredentialVariable),
                Environment.GetEnvironmentVariable(StubArguments.OidcSecretVariable));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"legacy-stub: {e.Message}");
            await Console.Error.WriteLineAsync(StubArguments.Usage);
            return 2;
        }

        if (arguments.ShowHelp)
        {
            Console.WriteLine(StubArguments.Usage);
            return 0;
        }

        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // Nobody reads this host's request log, and a benchmark would otherwise grow it without bound.
        using var server = BillingStub.Start(arguments.Options with { MaxRequestLogCount = 1000 });
        Console.WriteLine($"legacy-stub listening on {server.Url}");
        OidcProvider? provider = null;
        if (arguments.Provider is { } providerOptions)
        {
            try
            {
                provider = await OidcProvider.StartAsync(providerOptions, stopping.Token);
            }
            catch (IOException e)
            {
                // Kestrel reports a taken port this way; say which listener failed rather than dump a stack.
                await Console.Error.WriteLineAsync($"legacy-stub: the OpenID Connect provider cannot listen: {e.Message}");
                server.Stop();
                return 1;
            }

            ProviderBanner.Write(Console.Out, provider, providerOptions);
        }

        await using var providerLifetime = provider;

        await using var mail = arguments.SmtpPort is { } smtpPort
            ? await Mail.MailCatcher.StartAsync(smtpPort, arguments.MailDirectory)
            : null;
        if (mail is not null)
        {
            Console.WriteLine($"mail catcher listening on smtp://127.0.0.1:{mail.Port}{(arguments.MailDirectory is { } folder ? $", messages saved in {folder}" : "")}");
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: fall through to a clean stop.
        }

        server.Stop();
        if (mail is not null)
        {
            await mail.StopAsync();
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
