using System.Text.Json;

namespace Gateway.Tests.Cli;

/// <summary>What one <c>gateway …</c> run left behind: its exit code and what it wrote.</summary>
public sealed record CliResult(int Exit, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as JSON (for runs with <c>--json</c>).</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }
}
