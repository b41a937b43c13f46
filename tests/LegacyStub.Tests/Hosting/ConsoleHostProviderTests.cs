using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace LegacyStub.Tests.Hosting;

/// <summary>The console host as demo.sh runs it: the provider from arguments, trusted with curl through the written certificate.</summary>
public sealed partial class ConsoleHostProviderTests : IAsyncLifetime
{
    private const string Secret = "console-host-secret-4d9e";
    private const string RedirectUri = "https://127.0.0.1:8443/client/signin-oidc";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("legacy-stub-host-");
    private readonly StringBuilder _output = new();
    private Process _process = null!;
    private string _issuer = "";

    private string CertificatePath => Path.Combine(_folder.FullName, "provider.crt");

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "legacy-stub.dll"),
                "--port", "0", "--oidc-port", "0", "--oidc-cert-file", CertificatePath,
                "--oidc-client-id", "gateway-portal", "--oidc-redirect-uri", RedirectUri,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LEGACY_STUB_OIDC_CLIENT_SECRET"] = Secret },
        };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();

        // Bounded by lines, not time: the host prints its banner once it is up, or exits.
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            Append(line);
            if (IssuerLine().Match(line) is { Success: true } match)
            {
                _issuer = match.Groups["issuer"].Value;
                break;
            }
        }

        Assert.True(_issuer.Length > 0, $"The stub printed no issuer:\n{Output}");
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                Append(line);
            }
        });
    }

    public async Task DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    [Fact]
    public async Task Start_OidcArguments_ServesDiscoveryToCurlTrustingTheWrittenCertificate()
    {
        var discovery = await CurlAsync($"{_issuer}.well-known/openid-configuration");

        Assert.Contains($"\"issuer\": \"{_issuer}\"", discovery, StringComparison.Ordinal);
        Assert.Contains("gateway-portal", Output, StringComparison.Ordinal);
        Assert.Contains(RedirectUri, Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OidcArguments_RegistersTheClientWithTheEnvironmentsSecret()
    {
        var token = $"{_issuer}connect/token";
        var form = $"grant_type=authorization_code&code=not-a-code&code_verifier=x&redirect_uri={Uri.EscapeDataString(RedirectUri)}&client_id=gateway-portal";

        var rightSecret = await CurlAsync(token, "-d", $"{form}&client_secret={Secret}");
        var wrongSecret = await CurlAsync(token, "-d", $"{form}&client_secret=guess");

        Assert.Contains("\"error\": \"invalid_grant\"", rightSecret, StringComparison.Ordinal);
        Assert.Contains("\"error\": \"invalid_client\"", wrongSecret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OidcArguments_AuthorizeShowsTheLoginForm()
    {
        var page = await CurlAsync(
            $"{_issuer}connect/authorize?client_id=gateway-portal&redirect_uri={Uri.EscapeDataString(RedirectUri)}" +
            "&response_type=code&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");

        Assert.Contains("type=\"password\"", page, StringComparison.Ordinal);
    }

    private async Task<string> CurlAsync(string url, params string[] extra)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-sS", "--max-time", "30", "--cacert", CertificatePath }.Concat(extra).Append(url))
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var body = await curl.StandardOutput.ReadToEndAsync();
        var error = await curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, $"curl failed ({curl.ExitCode}): {error}\n{Output}");
        return body;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"issuer (?<issuer>https://\S+/)")]
    private static partial Regex IssuerLine();
}
