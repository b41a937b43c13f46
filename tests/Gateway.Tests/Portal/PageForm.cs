using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Portal;

/// <summary>One form of an HTML page, read as a browser would: its action and its inputs (hidden antiforgery token included).</summary>
public sealed partial record PageForm(string? Action, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    /// <summary>The form with this id, or the first form when <paramref name="id"/> is null.</summary>
    public static PageForm Parse(string html, string? id = null)
    {
        foreach (Match form in FormBlock().Matches(html))
        {
            var open = form.Groups["open"].Value;
            if (id is not null && Attribute(open, "id") != id)
            {
                continue;
            }

            var inputs = InputTag().Matches(form.Value)
                .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value"), Type: Attribute(m.Value, "type"), Checked: m.Value.Contains(" checked", StringComparison.Ordinal)))
                .Where(i => i.Name is not null && (i.Type is not ("checkbox" or "radio") || i.Checked))
                .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value ?? ""))
                .ToList();
            return new PageForm(Attribute(open, "action"), inputs);
        }

        throw new Xunit.Sdk.XunitException($"No form{(id is null ? "" : $" '{id}'")} on the page:\n{html[..Math.Min(html.Length, 2000)]}");
    }

    /// <summary>The fields a browser posts: every input (checked boxes only), with <paramref name="set"/> replacing fields of those names.</summary>
    public FormUrlEncodedContent Submit(params (string Name, string Value)[] set)
    {
        var names = set.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var fields = Inputs.Where(i => !names.Contains(i.Key)).ToList();
        fields.AddRange(set.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
        return new FormUrlEncodedContent(fields);
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    [GeneratedRegex("(?<open><form[^>]*>).*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormBlock();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
