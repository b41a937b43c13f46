using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>
/// The repository's documentation stays within the repository and in one piece: no link or URL in prose leaves it
/// (example hosts in code are fine), every relative link reaches a file and, for a page, a heading of it; the README
/// links every page of docs/, CONTRIBUTING.md and bench/README.md (any topic one click from the front page); and the
/// tests the security model names exist.
/// </summary>
public sealed partial class DocsLinkTests
{
    public static TheoryData<string> Pages()
    {
        var root = RepositoryRoot.Path;
        var pages = new TheoryData<string>();
        foreach (var page in new[] { "README.md", "CONTRIBUTING.md", Path.Combine("bench", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(p => Path.GetRelativePath(root, p)))
            .Order(StringComparer.Ordinal))
        {
            pages.Add(page.Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_Prose_HasNoLinkOrUrlLeavingTheRepository(string page)
    {
        var file = Read(page);

        var outside = file.ProseUrls().Concat(file.Links().Where(l => l.Contains(':', StringComparison.Ordinal) || l.StartsWith("//", StringComparison.Ordinal))).ToList();

        Assert.True(outside.Count == 0, $"{page} links or points outside the repository (quote what is needed instead; example hosts go in code): {string.Join(", ", outside.Distinct())}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_RelativeLinks_ReachAFileAndHeading(string page)
    {
        var file = Read(page);
        var folder = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Path, page))!;
        var broken = new List<string>();
        foreach (var link in file.Links().Where(l => !l.Contains(':', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var hash = link.IndexOf('#', StringComparison.Ordinal);
            var target = hash < 0 ? link : link[..hash];
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(link[(hash + 1)..]);
            var path = target.Length == 0 ? file.Path : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(target)));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                broken.Add($"{link} (no such file)");
            }
            else if (anchor is not null && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !MarkdownFile.Read(path).Anchors().Contains(anchor))
            {
                broken.Add($"{link} (no heading with that anchor)");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links: {string.Join("; ", broken)}");
    }

    [Fact]
    public void Readme_LinksEveryPageOfDocsContributingAndBench()
    {
        var root = RepositoryRoot.Path;
        var linked = Read("README.md").Links()
            .Select(l => l.Split('#')[0])
            .Where(l => l.Length > 0 && !l.Contains(':', StringComparison.Ordinal))
            .Select(l => Path.GetFullPath(Path.Combine(root, l)))
            .ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Append(Path.Combine(root, "CONTRIBUTING.md"))
            .Append(Path.Combine(root, "bench", "README.md"));

        var unlinked = pages.Where(p => !linked.Contains(Path.GetFullPath(p))).Select(p => Path.GetRelativePath(root, p)).ToList();

        Assert.True(unlinked.Count == 0, $"README.md does not link {string.Join(", ", unlinked)}: add each to \"Read next\" or the folder map.");
    }

    [Fact]
    public void SecurityModel_TestsItNames_Exist()
    {
        var tests = Path.Combine(RepositoryRoot.Path, "tests", "Gateway.Tests");
        var classes = Directory.GetFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.Ordinal);
        var named = Read("docs/security-model.md").TableRows()
            .Where(cells => cells.Count == 3)
            .SelectMany(cells => MarkdownFile.CodeSpans(cells[2]))
            .Where(span => TestName().IsMatch(span))
            .ToList();

        var missing = named.Where(span => span.EndsWith('/')
            ? !Directory.Exists(Path.Combine(tests, span))
            : span.Contains('/', StringComparison.Ordinal) ? !File.Exists(Path.Combine(tests, span + ".cs")) : !classes.Contains(span)).ToList();

        Assert.NotEmpty(named);
        Assert.True(missing.Count == 0, $"docs/security-model.md names tests that do not exist under tests/Gateway.Tests: {string.Join(", ", missing)}");
    }

    private static MarkdownFile Read(string page) => MarkdownFile.Read(Path.Combine(RepositoryRoot.Path, page));

    // `Folder/`, `Folder/ClassTests`, `ClassTests`.
    [GeneratedRegex(@"^(?:[A-Z][A-Za-z0-9]*/)?[A-Z][A-Za-z0-9]*Tests$|^[A-Z][A-Za-z0-9]*/$")]
    private static partial Regex TestName();
}
