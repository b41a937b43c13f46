using System.Diagnostics;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The <c>dotnet publish</c> output of the gateway, as a host installs it: the folder named by
/// <c>GATEWAY_PUBLISH_DIR</c> (test.sh publishes once), or published here from the checkout on first use.
/// </summary>
public static class PublishedGateway
{
    public const string Variable = "GATEWAY_PUBLISH_DIR";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _folder;

    public static async Task<string> FolderAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _folder ??= await LocateOrPublishAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> LocateOrPublishAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var output = Path.Combine(Path.GetTempPath(), "gateway-publish", Guid.NewGuid().ToString("N"));
        var project = Path.Combine(RepositoryRoot.Path, "gateway", "Gateway.csproj");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "quiet"], timeout: TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({exit}):\n{stdout}\n{stderr}");
        }

        return output;
    }

    /// <summary>The native launcher a service manager runs (no <c>dotnet</c> in front).</summary>
    public static string Launcher(string folder) => Path.Combine(folder, "gateway");

    /// <summary>True when <paramref name="path"/> has an execute bit for its owner.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    /// <summary>Starts <paramref name="startInfo"/> with its output captured into <paramref name="log"/>.</summary>
    public static Process Start(ProcessStartInfo startInfo, System.Text.StringBuilder log)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(log);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var process = Process.Start(startInfo)!;
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
