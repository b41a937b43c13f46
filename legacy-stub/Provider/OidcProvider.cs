using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace LegacyStub.Provider;

/// <summary>
/// The billing system's OpenID Connect provider, standing in for WHMCS's: discovery, a sign-in form for the
/// seeded clients (<see cref="SeedLogins"/>), token, JWKS, userinfo and end-session, over HTTPS with a
/// certificate and keys made at start. Start one per test; it knows nothing of who relies on it.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _store;
    private readonly X509Certificate2 _serverCertificate;

    private OidcProvider(WebApplication app, SqliteConnection store, X509Certificate2 serverCertificate, int port, Uri issuer)
    {
        _app = app;
        _store = store;
        _serverCertificate = serverCertificate;
        Port = port;
        Issuer = issuer;
        Certificate = X509CertificateLoader.LoadCertificate(serverCertificate.RawData);
    }

    /// <summary>The issuer (also the authority a relying party is configured with), ending in a slash.</summary>
    public Uri Issuer { get; }

    public int Port { get; }

    /// <summary>The self-signed TLS certificate, public part only: what a relying party has to trust.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri DiscoveryUri => new(Issuer, ".well-known/openid-configuration");

    /// <summary>Starts the provider with the given relying parties registered; returns once it accepts connections.</summary>
    public static async Task<OidcProvider> StartAsync(OidcProviderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var listen = ListenAddress(options.Host);
        var certificate = ProviderCertificate.Create(
            new[] { options.Host, options.Issuer?.Host ?? "" }.Where(name => name.Length > 0 && !IsWildcard(name)),
            DateTimeOffset.UtcNow);

        // A named shared-cache database lives while one connection to it stays open; each DbContext opens its own.
        var connectionString = $"Data Source=legacy-stub-provider-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var store = new SqliteConnection(connectionString);
        WebApplication? app = null;
        try
        {
            await store.OpenAsync(cancellationToken);
            app = Build(options, listen, certificate, connectionString);
            await ClientRegistrar.RegisterAsync(app.Services, options.Clients, cancellationToken);
            await app.StartAsync(cancellationToken);

            var port = new Uri(app.Urls.Single()).Port;
            var issuer = options.Issuer ?? DefaultIssuer(options.Host, port);
            app.Services.GetRequiredService<ProviderIssuer>().Value = issuer;
            app.Services.GetRequiredService<IOptionsMonitorCache<OpenIddictServerOptions>>().TryRemove(Options.DefaultName);

            if (options.CertificatePath is { } path)
            {
                ProviderCertificate.WritePem(certificate, path);
            }

            return new OidcProvider(app, store, certificate, port, issuer);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await store.DisposeAsync();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A handler that trusts this provider's certificate and nothing else (host name still checked): for an
    /// HttpClient, or a relying party's backchannel, talking to this provider.
    /// </summary>
    public SocketsHttpHandler CreateTrustingHandler()
    {
        var trusted = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) => IsTrusted(trusted, presented, errors);
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _serverCertificate.Dispose();
        Certificate.Dispose();
    }

    private static WebApplication Build(OidcProviderOptions options, IPAddress listen, X509Certificate2 certificate, string connectionString)
    {
        // The empty builder reads no configuration or environment: a test process that sets Kestrel__* for a
        // gateway must not move this provider.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OidcProvider).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(listen, options.Port, endpoint => endpoint.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }));
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            // The host logs a failed start with its stack; StartAsync throws the same error to the caller, who says it once.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddStubProvider(connectionString, new AccountDirectory(BillingData.Default, SeedLogins.All));

        var app = builder.Build();
        // OpenIddict answers discovery, JWKS and every invalid request from the authentication middleware.
        app.UseRouting();
        app.UseAuthentication();
        app.MapStubProvider();
        return app;
    }

    private static IPAddress ListenAddress(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);

    private static bool IsWildcard(string host) =>
        IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    private static Uri DefaultIssuer(string host, int port)
    {
        var name = IsWildcard(host) ? "localhost"
            : IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]"
            : host;
        return new Uri($"https://{name}:{port}/");
    }

    private static bool IsTrusted(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        // A name mismatch or a missing certificate is never forgiven; only the unknown root is, when it is ours.
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }
}
