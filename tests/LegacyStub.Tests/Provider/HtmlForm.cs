using System.Net;
using System.Text.RegularExpressions;

namespace LegacyStub.Tests.Provider;

/// <summary>The one form of a provider page, read as a browser would: its action and every input's name and value.</summary>
public sealed partial record HtmlForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    public static HtmlForm Parse(string html)
    {
        var form = FormTag().Match(html);
        Assert.True(form.Success, "The page has no form.");
        var inputs = InputTag().Matches(html)
            .Select(match => (Name: Attribute(match.Value, "name"), Value: Attribute(match.Value, "value")))
            .Where(input => input.Name is not null)
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value ?? ""))
            .ToList();
        return new HtmlForm(WebUtility.HtmlDecode(form.Groups["action"].Value), inputs);
    }

    public string? Value(string name) => Inputs.FirstOrDefault(input => input.Key == name).Value;

    /// <summary>The fields a browser posts: every input, with <paramref name="set"/> overriding by name.</summary>
    public FormUrlEncodedContent Submit(params (string Name, string Value)[] set)
    {
        var fields = Inputs.Where(input => set.All(s => s.Name != input.Key)).ToList();
        fields.AddRange(set.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
        return new FormUrlEncodedContent(fields);
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormTag();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
