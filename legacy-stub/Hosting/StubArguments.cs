using System.Globalization;
using System.Net;

namespace LegacyStub.Hosting;

/// <summary>
/// The console host's command line: <c>[--host H] [--port P] [--credential C] [--smtp-port S [--mail-dir D]]</c>,
/// also as <c>--name=value</c>. With <c>--smtp-port</c>, a mail catcher listens there too (the demo's inbox).
/// The credential falls back to <see cref="CredentialVariable"/>; error messages never repeat a value,
/// since a mistyped option may be followed by the secret.
/// </summary>
internal sealed record StubArguments(BillingStubOptions Options, bool ShowHelp, int? SmtpPort = null, string? MailDirectory = null)
{
    public const string CredentialVariable = "LEGACY_STUB_CREDENTIAL";
    public const int DefaultPort = 5080;

    public const string Usage =
        "usage: legacy-stub [--host 127.0.0.1] [--port 5080] [--credential \"Bearer ...\"] [--smtp-port 2525 [--mail-dir mail]]\n" +
        $"  the credential may also come from {CredentialVariable} (default \"Bearer stub-backend-secret\")";

    public static StubArguments Parse(IReadOnlyList<string> args, string? credentialFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(args);

        var options = new BillingStubOptions { Port = DefaultPort };
        int? smtpPort = null;
        string? mailDirectory = null;
        if (!string.IsNullOrEmpty(credentialFromEnvironment))
        {
            options = options with { Credential = credentialFromEnvironment };
        }

        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (name is "--help" or "-h")
            {
                return new StubArguments(options, ShowHelp: true);
            }

            if (name is not ("--host" or "--port" or "--credential" or "--smtp-port" or "--mail-dir"))
            {
                throw new ArgumentException(name.StartsWith('-')
                    ? $"unknown option {name}"
                    : $"unexpected argument at position {i + 1}");
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} needs a value");
            }

            if (name == "--smtp-port")
            {
                smtpPort = ParsePort(value);
                continue;
            }

            if (name == "--mail-dir")
            {
                mailDirectory = value;
                continue;
            }

            options = name switch
            {
                "--host" => options with { Host = value },
                "--port" => options with { Port = ParsePort(value) },
                _ => options with { Credential = value },
            };
        }

        return new StubArguments(options, ShowHelp: false, smtpPort, mailDirectory);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
            ? port
            : throw new ArgumentException($"--port must be a number from 0 to {IPEndPoint.MaxPort}");
}
