using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>
/// The repository's documentation stays within the repository and in one piece: no link or URL in prose leaves it
/// (example hosts in code are fine), every relative link stays inside the repository and reaches a file and, for a page, a heading of it; the README
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
    public void Page_RelativeLinks_StayInTheRepositoryAndReachAFileAndHeading(string page)
    {
        var broken = BrokenLinks(Path.Combine(RepositoryRoot.Path, page), Read(page));

        Assert.True(broken.Count == 0, $"{page} has broken links: {string.Join("; ", broken)}");
    }

    [Fact]
    public void Checks_DoctoredPage_NameEachBadLink()
    {
        // The checks themselves can fail: a page in docs/ with one link of each kind.
        var page = Path.Combine(RepositoryRoot.Path, "docs", "doctored.md");
        var file = new MarkdownFile(page, """
            # Doctored
            [ok](admin.md#the-admin-api), [self](#doctored), [up](../README.md), [gone](missing.md),
            [no heading](admin.md#no-such-heading), [out](../../outside.md), [away](https://example.com/docs)
            `[in code](https://example.com/x)` and https://example.com/bare
            """);

        Assert.Equal(["missing.md (no such file)", "admin.md#no-such-heading (no heading with that anchor)", "../../outside.md (outside the repository)"], BrokenLinks(page, file));
        Assert.Equal(["https://example.com/docs", "https://example.com/bare"], file.ProseUrls());
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

    // Each relative link of the page that leaves the repository, reaches no file, or names a heading the page lacks.
    private static List<string> BrokenLinks(string pagePath, MarkdownFile file)
    {
        var folder = Path.GetDirectoryName(pagePath)!;
        var broken = new List<string>();
        foreach (var link in file.Links().Where(l => !l.Contains(':', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var hash = link.IndexOf('#', StringComparison.Ordinal);
            var target = hash < 0 ? link : link[..hash];
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(link[(hash + 1)..]);
            var path = target.Length == 0 ? pagePath : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(target)));
            if (!IsInRepository(path))
            {
                broken.Add($"{link} (outside the repository)");
            }
            else if (!File.Exists(path) && !Directory.Exists(path) && target.Length > 0)
            {
                broken.Add($"{link} (no such file)");
            }
            else if (anchor is not null && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                && !(target.Length == 0 ? file : MarkdownFile.Read(path)).Anchors().Contains(anchor))
            {
                broken.Add($"{link} (no heading with that anchor)");
            }
        }

        return broken;
    }

    private static bool IsInRepository(string path)
    {
        var root = Path.GetFullPath(RepositoryRoot.Path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
    }

    private static MarkdownFile Read(string page) => MarkdownFile.Read(Path.Combine(RepositoryRoot.Path, page));

    // `Folder/`, `Folder/ClassTests`, `ClassTests`.
    [GeneratedRegex(@"^(?:[A-Z][A-Za-z0-9]*/)?[A-Z][A-Za-z0-9]*Tests$|^[A-Z][A-Za-z0-9]*/$")]
    private static partial Regex TestName();
}
