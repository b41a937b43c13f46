using System.Globalization;
using System.Net;
using LegacyStub.Provider;

namespace LegacyStub.Hosting;

/// <summary>
/// Collects the <c>--oidc-*</c> options. Each <c>--oidc-client-id</c> starts a registration; the secret and
/// redirect URIs after it belong to that client, as they sit together in the billing system's admin area.
/// </summary>
internal sealed class ProviderArguments
{
    public const int DefaultPort = 5443;

    private readonly List<Pending> _clients = [];
    private bool _enabled;
    private int _port = DefaultPort;
    private Uri? _issuer;
    private string? _certificatePath;

    public static bool Accepts(string name) => name is
        "--oidc-port" or "--oidc-issuer" or "--oidc-cert-file" or "--oidc-client-id" or "--oidc-client-secret"
        or "--oidc-redirect-uri" or "--oidc-post-logout-redirect-uri" or "--oidc-display-name";

    public void Accept(string name, string value)
    {
        _enabled = true;
        switch (name)
        {
            case "--oidc-port":
                _port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
                    ? port
                    : throw new ArgumentException($"--oidc-port must be a number from 0 to {IPEndPoint.MaxPort}");
                break;
            case "--oidc-issuer":
                _issuer = Uri.TryCreate(value, UriKind.Absolute, out var issuer) && issuer.Scheme == Uri.UriSchemeHttps
                    ? issuer
                    : throw new ArgumentException("--oidc-issuer must be an absolute https URI");
                break;
            case "--oidc-cert-file":
                _certificatePath = value;
                break;
            case "--oidc-client-id":
                _clients.Add(new Pending(value));
                break;
            default:
                AcceptClientValue(name, value);
                break;
        }
    }

    /// <summary>The provider's options, or null when no <c>--oidc-*</c> option was given (the provider stays off).</summary>
    public OidcProviderOptions? Build(string host, string? secretFromEnvironment)
    {
        if (!_enabled)
        {
            return null;
        }

        var clients = _clients.Select(client => new OidcClientRegistration
        {
            ClientId = client.ClientId,
            ClientSecret = client.Secret ?? secretFromEnvironment
                ?? throw new ArgumentException(
                    $"client {client.ClientId} needs --oidc-client-secret (or {StubArguments.OidcSecretVariable})"),
            RedirectUris = client.RedirectUris,
            PostLogoutRedirectUris = client.PostLogoutRedirectUris,
            DisplayName = client.DisplayName,
        }).ToList();

        var options = new OidcProviderOptions
        {
            Host = host,
            Port = _port,
            Issuer = _issuer,
            CertificatePath = _certificatePath,
            Clients = clients,
        };
        options.Validate();
        return options;
    }

    private void AcceptClientValue(string name, string value)
    {
        var client = _clients.LastOrDefault() ?? throw new ArgumentException($"{name} must follow --oidc-client-id");
        switch (name)
        {
            case "--oidc-client-secret":
                client.Secret = value;
                break;
            case "--oidc-display-name":
                client.DisplayName = value;
                break;
            case "--oidc-redirect-uri":
                client.RedirectUris.Add(ParseUri(name, value));
                break;
            default:
                client.PostLogoutRedirectUris.Add(ParseUri(name, value));
                break;
        }
    }

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{name} must be an absolute URI");

    private sealed class Pending(string clientId)
    {
        public string ClientId { get; } = clientId;

        public string? Secret { get; set; }

        public string? DisplayName { get; set; }

        public List<Uri> RedirectUris { get; } = [];

        public List<Uri> PostLogoutRedirectUris { get; } = [];
    }
}
