using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Docs;

/// <summary>
/// A markdown page of the repository read the way the docs tests need it: its table rows, its links and URLs outside
/// code, and the anchors its headings get (GitHub's rules).
/// </summary>
internal sealed partial class MarkdownFile
{
    private readonly string[] _lines;

    public MarkdownFile(string path, string text)
    {
        Path = path;
        _lines = text.ReplaceLineEndings("\n").Split('\n');
    }

    /// <summary>The path the page was read from (for messages).</summary>
    public string Path { get; }

    public static MarkdownFile Read(string path) => new(path, File.ReadAllText(path));

    /// <summary>The cells of every data row of every table outside code blocks (header and separator rows left out).</summary>
    public IEnumerable<IReadOnlyList<string>> TableRows()
    {
        var prose = ProseLines().ToList();
        for (var i = 0; i < prose.Count; i++)
        {
            if (!IsTableLine(prose[i]) || i + 1 >= prose.Count || !Separator().IsMatch(prose[i + 1]))
            {
                continue;
            }

            for (i += 2; i < prose.Count && IsTableLine(prose[i]); i++)
            {
                yield return Cells(prose[i]);
            }
        }
    }

    /// <summary>The target of every <c>[text](target)</c> link outside code.</summary>
    public IEnumerable<string> Links() =>
        ProseLines().Select(WithoutCodeSpans).SelectMany(line => Link().Matches(line).Select(m => m.Groups["target"].Value));

    /// <summary>Every http(s) URL written outside code (a link or bare text).</summary>
    public IEnumerable<string> ProseUrls() =>
        ProseLines().Select(WithoutCodeSpans).SelectMany(line => Url().Matches(line).Select(m => m.Value));

    /// <summary>The anchors GitHub gives the page's headings: lower-case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    public IReadOnlySet<string> Anchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ProseLines())
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var text = heading.Groups["text"].Value.Replace("`", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
            var slug = SlugDrop().Replace(text, "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    /// <summary>The code spans of a cell (<c>`a`, `b`</c> gives a, b).</summary>
    public static IReadOnlyList<string> CodeSpans(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups["code"].Value)];

    // Lines outside fenced code blocks.
    private IEnumerable<string> ProseLines()
    {
        var fenced = false;
        foreach (var line in _lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                yield return line;
            }
        }
    }

    private static bool IsTableLine(string line) => line.TrimStart().StartsWith('|');

    // Split on the pipes that are not escaped (`\|` stays inside its cell, unescaped).
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var body = line.Trim();
        for (var i = 1; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (body[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(body[i]);
            }
        }

        if (cell.ToString().Trim() is { Length: > 0 } last)
        {
            cells.Add(last);
        }

        return cells;
    }

    private static string WithoutCodeSpans(string line) => CodeSpan().Replace(line, " ");

    [GeneratedRegex(@"^\s*\|[\s:|-]+\|\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"`(?<code>[^`]*)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://[^\s)>\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex SlugDrop();
}
