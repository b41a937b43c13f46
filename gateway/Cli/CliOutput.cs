using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Cli;

/// <summary>Human tables or JSON (<c>--json</c>) on stdout; errors on stderr.</summary>
public sealed class CliOutput(bool json, TextWriter stdout, TextWriter stderr)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Terminal output, not HTML: keep "…" and quotes readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public bool IsJson { get; } = json;

    public void Json<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Line(string text = "") => stdout.WriteLine(text);

    public void Error(string message) => stderr.WriteLine($"error: {message}");

    /// <summary>Something the user should know that is not the command's output (stderr, so <c>--json</c> stays parseable).</summary>
    public void Note(string message) => stderr.WriteLine($"note: {message}");

    public void Errors(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (IsJson)
        {
            stderr.WriteLine(JsonSerializer.Serialize(new { errors }, JsonOptions));
            return;
        }

        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Error($"{field}: {message}");
            }
        }
    }

    /// <summary>Prints <paramref name="value"/> (JSON, or through <paramref name="human"/>) and returns 0; or the error and 1 when null.</summary>
    public int Result<T>(T? value, string notFound, Action<T> human)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(human);
        if (value is null)
        {
            Error(notFound);
            return 1;
        }

        if (IsJson)
        {
            Json(value);
        }
        else
        {
            human(value);
        }

        return 0;
    }

    /// <summary>Prints rows as aligned columns.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        stdout.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            stdout.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
