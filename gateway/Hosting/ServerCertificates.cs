using System.Collections.Concurrent;
using Microsoft.AspNetCore.Server.Kestrel;

namespace Gateway.Hosting;

/// <summary>
/// Serves each HTTPS listener's certificate from its files, reloaded when they change (<see cref="ReloadingCertificate"/>),
/// and applies the <see cref="TlsPolicy"/> to every handshake. One reloader per set of files, kept across
/// Kestrel's own endpoint reloads.
/// </summary>
public sealed class ServerCertificates(TimeProvider time, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<CertificateFiles, ReloadingCertificate> _reloaders = new();

    /// <summary>Called for a named endpoint of <c>Kestrel:Endpoints</c> while Kestrel configures it.</summary>
    public void Configure(EndpointConfiguration endpoint, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!endpoint.IsHttps)
        {
            return;
        }

        var files = CertificateFiles.For(endpoint.ConfigSection, configuration);
        var reloader = files is null
            ? null
            : _reloaders.GetOrAdd(files, f => new ReloadingCertificate(f, time, loggers.CreateLogger<ReloadingCertificate>()));
        endpoint.HttpsOptions.OnAuthenticate = (_, ssl) =>
        {
            TlsPolicy.Apply(ssl);
            if (reloader?.Current is { } current)
            {
                ssl.ServerCertificateContext = current;
                ssl.ServerCertificate = null;
                ssl.ServerCertificateSelectionCallback = null;
            }
        };
    }
}
