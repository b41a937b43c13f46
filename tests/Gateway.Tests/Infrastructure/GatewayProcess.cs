using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway executable on real Kestrel sockets (HTTPS with its generated certificate, optionally
/// the plain-HTTP listener), as a host would run it.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private GatewayProcess(Process process, string dataPath, int httpsPort, int adminPort, int? httpPort)
    {
        _process = process;
        DataPath = dataPath;
        HttpsPort = httpsPort;
        AdminPort = adminPort;
        HttpPort = httpPort;
    }

    public string DataPath { get; }

    public int HttpsPort { get; }

    public int? HttpPort { get; }

    public int AdminPort { get; }

    public string CertificatePath => Path.Combine(DataPath, "certs", "gateway.crt");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>An HTTPS client that trusts exactly this gateway's generated certificate; with <paramref name="cookies"/>, one browser's jar.</summary>
    public HttpClient CreateClient(bool admin = false, System.Net.CookieContainer? cookies = null)
    {
        using var pinned = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath));
        var thumbprint = pinned.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
        if (cookies is not null)
        {
            handler.CookieContainer = cookies;
            handler.AllowAutoRedirect = false;
        }

        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{(admin ? AdminPort : HttpsPort)}") };
    }

    /// <summary>Asks the gateway to stop as a service manager would (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    /// <summary>Environment that points the gateway at a store and a backend; SQLite in <paramref name="dataPath"/> unless <paramref name="store"/> says otherwise.</summary>
    public static Dictionary<string, string> Environment(string dataPath, string backendUrl, string backendCredential, TestStore.Database? store = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Gateway__Storage__DataPath"] = dataPath,
            ["Gateway__Audit__Path"] = Path.Combine(dataPath, "logs"),
            ["ReverseProxy__Clusters__billing__Destinations__primary__Address"] = backendUrl,
            ["Gateway__Proxy__Backends__billing__Value"] = backendCredential,
            // Probes would land in the backend's request log that tests assert on; the health tests turn them on.
            ["ReverseProxy__Clusters__billing__HealthCheck__Active__Enabled"] = "false",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in store?.Environment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <param name="httpsPort">The public listener's port, when the caller had to know it first (e.g. to register a redirect URI); else a free one.</param>
    public static async Task<GatewayProcess> StartAsync(Dictionary<string, string> environment, bool plainHttp, int? httpsPort = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // A port found free can be taken by another test before the process binds it: then start again on other
        // ports (bounded). Only the ports chosen here change; a caller's own port is kept.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(environment, httpsPort ?? FreePort.Next(), FreePort.Next(), plainHttp ? FreePort.Next() : null);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<GatewayProcess> StartOnceAsync(Dictionary<string, string> environment, int publicPort, int adminPort, int? httpPort)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ExecutablePath);
        info.ArgumentList.Add("serve");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["Kestrel__Endpoints__Public__Url"] = $"https://127.0.0.1:{publicPort}";
        info.Environment["Kestrel__Endpoints__Admin__Url"] = $"https://127.0.0.1:{adminPort}";
        if (httpPort is { } port)
        {
            info.Environment["Kestrel__Endpoints__PlainHttp__Url"] = $"http://127.0.0.1:{port}";
        }

        var process = Process.Start(info)!;
        var gateway = new GatewayProcess(process, environment["Gateway__Storage__DataPath"], publicPort, adminPort, httpPort);
        process.OutputDataReceived += (_, e) => gateway.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilListeningAsync();
        }
        catch
        {
            // A start that timed out must not leave the process running (it would load the machine for every later test).
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        // Bounded: 60 s for a cold start on a busy machine (first start migrates a fresh store; CI shares its cores).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Waiting again lets the output still in the pipes reach the log: it says why the gateway stopped.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"gateway exited with {_process.ExitCode}:\n{Log}");
            }

            if (Log.Contains("Application started", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"gateway did not start:\n{Log}");
    }
}
