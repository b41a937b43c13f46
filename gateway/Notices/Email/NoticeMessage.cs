using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Notices.Email;

/// <summary>
/// The words of a notice: subject, plain text and HTML, naming the token by name and hint (never the secret, which
/// the event does not hold), what happened and what to do.
/// </summary>
public sealed record NoticeMessage(string Subject, string Text, string Html)
{
    public static NoticeMessage Compose(string type, string data, Uri? manageTokensUrl)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var token = root.GetProperty("token");
        var details = root.TryGetProperty("details", out var d) ? d : default;
        var name = Field(token, "name") ?? "(unnamed)";
        var hint = Field(token, "hint") ?? "";
        var expires = Field(token, "expires_on");
        var (subject, happened, todo) = type switch
        {
            NoticeEventTypes.TokenCreated => ($"New API token \"{name}\"",
                "A new API token was created for your account.",
                "If you did not expect this, revoke the token and contact support."),
            NoticeEventTypes.TokenRolled => ($"API token \"{name}\" was replaced",
                $"The token was rolled: a new token ending in {Last4(Field(details, "replacement_hint"))} replaces it. The old token works until {Time(details, "works_until")}.",
                "Put the new token where the old one is used before then."),
            NoticeEventTypes.TokenRevoked => ($"API token \"{name}\" was revoked",
                $"The token was revoked{Reason(token)} and no longer works.",
                "Requests with it are refused. Create a new token if you still need access."),
            NoticeEventTypes.TokenLeaked => ($"Action needed: API token \"{name}\" was found in public and revoked",
                $"The token was found in public{Where(details)} and has been revoked, so nobody can use it.",
                "Create a new token, keep it out of source code and shared files, and check the place where it was found."),
            NoticeEventTypes.TokenExposed => ($"Action needed: API token \"{name}\" was sent over plain HTTP and revoked",
                "The token was sent over an unencrypted connection (http:// instead of https://), so it may have been read on the way. It has been revoked.",
                "Create a new token and make sure your integration calls the API over https://."),
            NoticeEventTypes.TokenExpiring => ($"API token \"{name}\" expires in {Days(details)}",
                $"The token is valid through {expires} (server time) and stops working after that.",
                "Create a new token or have its expiry extended before then, and update your integration."),
            NoticeEventTypes.TokenExpired => ($"API token \"{name}\" has expired",
                $"The token was valid through {expires} and no longer works.",
                "Create a new token if you still need access."),
            _ => ($"API token \"{name}\": {type}", "Something changed on the token.", ""),
        };

        var facts = new List<(string Label, string Value)> { ("Token", name), ("Ends in", hint) };
        if (expires is not null && type != NoticeEventTypes.TokenLeaked)
        {
            facts.Add(("Valid through", expires));
        }

        return new NoticeMessage(subject, ToPlainText(happened, todo, facts, manageTokensUrl), ToHtml(happened, todo, facts, manageTokensUrl));
    }

    private const string Footer = "This message never contains a token: the gateway does not keep them. Only the last characters are shown, to tell tokens apart.";

    private static string ToPlainText(string happened, string todo, List<(string Label, string Value)> facts, Uri? manage)
    {
        var text = new StringBuilder();
        text.AppendLine(happened).AppendLine();
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        text.AppendLine().AppendLine(todo);
        if (manage is not null)
        {
            text.AppendLine().Append("Manage your tokens: ").AppendLine(manage.AbsoluteUri);
        }

        return text.AppendLine().AppendLine("--").AppendLine(Footer).ToString();
    }

    private static string ToHtml(string happened, string todo, List<(string Label, string Value)> facts, Uri? manage)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<p>").Append(e.Encode(happened)).Append("</p><table>");
        foreach (var (label, value) in facts)
        {
            html.Append("<tr><th align=\"left\">").Append(e.Encode(label)).Append("</th><td><code>").Append(e.Encode(value)).Append("</code></td></tr>");
        }

        html.Append("</table><p>").Append(e.Encode(todo)).Append("</p>");
        if (manage is not null)
        {
            html.Append("<p><a href=\"").Append(e.Encode(manage.AbsoluteUri)).Append("\">Manage your tokens</a></p>");
        }

        return html.Append("<hr><p style=\"color:#666;font-size:smaller\">").Append(e.Encode(Footer)).Append("</p></body></html>").ToString();
    }

    private static string? Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Last4(string? hint) => hint is { Length: >= 4 } h ? h[^4..] : "?";

    private static string Time(JsonElement details, string name) =>
        Field(details, name) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "the end of the overlap";

    private static string Days(JsonElement details) =>
        details.ValueKind == JsonValueKind.Object && details.TryGetProperty("days_left", out var v) && v.TryGetInt32(out var days)
            ? days switch { 0 => "less than a day", 1 => "1 day", _ => $"{days} days" }
            : "a few days";

    private static string Reason(JsonElement token) =>
        Field(token, "revoke_kind") == "client_closed" ? " because the account was closed"
        : Field(token, "revoke_reason") is { Length: > 0 } reason ? $" ({reason.TrimEnd('.')})" : "";

    private static string Where(JsonElement details) =>
        Field(details, "url") is { Length: > 0 } url ? $" at {url}" : "";
}
