using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Gateway.Hosting;

/// <summary>
/// <c>gateway health</c>: asks the running gateway's <c>/healthz</c> on the public listener, from inside its own
/// host or container (the ASP.NET runtime image has no curl). The listener's address comes from the same
/// configuration the server reads; a wildcard host (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>) is asked on
/// loopback. The served certificate must be the one in the listener's certificate files (or, without files, pass
/// normal validation). Exit 0 when healthy, 1 otherwise.
/// </summary>
public static partial class HealthProbe
{
    public static async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var endpoint = configuration.GetSection("Kestrel:Endpoints:Public");
        if (ProbeUri(endpoint["Url"]) is not { } uri)
        {
            await error.WriteLineAsync($"unhealthy: Kestrel:Endpoints:Public:Url '{endpoint["Url"]}' is not an address to probe");
            return 1;
        }

        var expected = ExpectedThumbprint(endpoint, configuration);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                expected is null ? errors == SslPolicyErrors.None : certificate?.Thumbprint == expected,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(uri, "/healthz"), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"healthy: {uri}healthz answered {(int)response.StatusCode}");
                return 0;
            }

            await error.WriteLineAsync($"unhealthy: {uri}healthz answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"unhealthy: {uri}healthz: {ex.GetBaseException().Message}");
        }

        return 1;
    }

    /// <summary>The URL to probe for a Kestrel endpoint URL, wildcard hosts turned into loopback.</summary>
    public static Uri? ProbeUri(string? url)
    {
        if (url is null || KestrelUrl().Match(url) is not { Success: true } match)
        {
            return null;
        }

        var host = match.Groups["host"].Value switch
        {
            "0.0.0.0" or "*" or "+" => "127.0.0.1",
            "[::]" => "[::1]",
            var named => named,
        };
        return new Uri($"{match.Groups["scheme"].Value}://{host}:{match.Groups["port"].Value}/");
    }

    private static string? ExpectedThumbprint(IConfigurationSection endpoint, IConfiguration configuration)
    {
        if (CertificateFiles.For(endpoint, configuration) is not { } files || !File.Exists(files.CertificatePath))
        {
            return null;
        }

        try
        {
            using var certificate = files.KeyPath is not null
                ? X509Certificate2.CreateFromPem(File.ReadAllText(files.CertificatePath))
                : X509CertificateLoader.LoadPkcs12FromFile(files.CertificatePath, files.Password);
            return certificate.Thumbprint;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]+\]|[^/:]+):(?<port>\d+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex KestrelUrl();
}
