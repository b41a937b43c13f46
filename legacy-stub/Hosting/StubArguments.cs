using System.Globalization;
using System.Net;
using LegacyStub.Provider;

namespace LegacyStub.Hosting;

/// <summary>
/// The console host's command line: <c>[--host H] [--port P] [--credential C]</c>, the <c>--oidc-*</c>
/// options of the OpenID Connect provider (<see cref="ProviderArguments"/>) and <c>[--smtp-port S [--mail-dir D]]</c>
/// for a mail catcher (the demo's inbox), also as <c>--name=value</c>.
/// The credential falls back to <see cref="CredentialVariable"/>, a client secret to <see cref="OidcSecretVariable"/>;
/// error messages never repeat a value, since a mistyped option may be followed by a secret.
/// </summary>
internal sealed record StubArguments(BillingStubOptions Options, bool ShowHelp, OidcProviderOptions? Provider = null, int? SmtpPort = null, string? MailDirectory = null)
{
    public const string CredentialVariable = "LEGACY_STUB_CREDENTIAL";
    public const string OidcSecretVariable = "LEGACY_STUB_OIDC_CLIENT_SECRET";
    public const int DefaultPort = 5080;

    public const string Usage =
        "usage: legacy-stub [--host 127.0.0.1] [--port 5080] [--credential \"Bearer ...\"] [--smtp-port 2525 [--mail-dir mail]]\n" +
        "                   [--oidc-port 5443] [--oidc-issuer https://HOST:PORT/] [--oidc-cert-file PATH]\n" +
        "                   [--oidc-client-id ID [--oidc-client-secret SECRET] --oidc-redirect-uri URI...\n" +
        "                    [--oidc-post-logout-redirect-uri URI...] [--oidc-display-name NAME]]...\n" +
        $"  the credential may also come from {CredentialVariable} (default \"Bearer stub-backend-secret\")\n" +
        "\n" +
        "OpenID Connect provider (the billing system's sign-in; off unless an --oidc-* option is given):\n" +
        "  --oidc-port P        HTTPS port (default 5443; 0 picks a free one); it listens on --host\n" +
        "  --oidc-issuer URI    issuer and authority (default https://HOST:PORT/; its host is added to the certificate)\n" +
        "  --oidc-cert-file F   write the self-signed TLS certificate (PEM, no key; new at every start) to F,\n" +
        "                       for relying parties and curl --cacert to trust\n" +
        "  --oidc-client-id ID  register a relying party (repeatable); the options after it describe that client:\n" +
        $"    --oidc-client-secret S           its secret (or {OidcSecretVariable}, kept out of the process list)\n" +
        "    --oidc-redirect-uri URI          an allowed redirect URI, compared exactly (repeatable, at least one)\n" +
        "    --oidc-post-logout-redirect-uri  where end-session may return to (repeatable)\n" +
        "    --oidc-display-name NAME         the name the sign-in form shows (default: the client id)\n" +
        "  Clients sign in with their billing e-mail and password (seeded, see docs/client-portal.md);\n" +
        "  endpoints: /.well-known/openid-configuration, /connect/authorize, /connect/token,\n" +
        "  /.well-known/jwks, /connect/userinfo, /connect/logout. Code flow with PKCE (S256) only.";

    public static StubArguments Parse(
        IReadOnlyList<string> args, string? credentialFromEnvironment, string? oidcSecretFromEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(args);

        var options = new BillingStubOptions { Port = DefaultPort };
        int? smtpPort = null;
        string? mailDirectory = null;
        var provider = new ProviderArguments();
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

            if (name is not ("--host" or "--port" or "--credential" or "--smtp-port" or "--mail-dir") && !ProviderArguments.Accepts(name))
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

            if (ProviderArguments.Accepts(name))
            {
                provider.Accept(name, value);
                continue;
            }

            options = name switch
            {
                "--host" => options with { Host = value },
                "--port" => options with { Port = ParsePort(value) },
                _ => options with { Credential = value },
            };
        }

        var providerOptions = provider.Build(options.Host, string.IsNullOrEmpty(oidcSecretFromEnvironment) ? null : oidcSecretFromEnvironment);
        return new StubArguments(options, ShowHelp: false, providerOptions, smtpPort, mailDirectory);
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
