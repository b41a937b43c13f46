using System.Text;
using Gateway.Tokens;

namespace Gateway.Docs;

/// <summary>The prose of the client document (Markdown, as Scalar renders it).</summary>
internal static class ClientApiText
{
    public static string Overview(int permitsPerMinute) => $$$"""
        The billing API, through the token gateway: the same URLs and the same answers as before; only the token is new.

        **Authentication.** Send your API token as `Authorization: Bearer <token>` on every request. Tokens in the
        query string are never accepted. Each route needs one scope (see the security scheme); a token has it
        through its own scopes or through one of its roles.

        **Reads only.** Every route answers `GET` and `HEAD`; any other method is `405`.

        **Pages.** Lists take `page` (from 1) and `per_page` (default 25, at most 100) and answer
        `{"data": [...], "meta": {"current_page", "per_page", "total", "last_page"}}`. A single record is
        `{"data": {...}}`. A record of another client does not exist for you: `404`.

        **Errors** are JSON: `{"message": "..."}`; a missing scope also names it in `required_scope`.

        **Rate limits.** {{{permitsPerMinute}}} requests per minute per token unless your token has its own limit.
        Every answer counted against the token carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
        `X-RateLimit-Reset` (Unix epoch seconds); past the limit the answer is `429` with `Retry-After`. Every
        answer carries `X-Request-Id`: quote it to support.
        """;

    /// <summary>The bearer scheme's description: the token format and, per scope, the routes it opens.</summary>
    public static string Scopes(string prefix, ScopeCatalog catalog, IReadOnlyList<ClientRoute> routes)
    {
        var text = new StringBuilder()
            .Append("API tokens (`").Append(prefix).Append("…`), sent as `Authorization: Bearer <token>`. ")
            .AppendLine("Scopes, and the routes each one opens:")
            .AppendLine();
        foreach (var scope in catalog.Names.Concat(routes.Select(r => r.Scope)).Distinct(StringComparer.Ordinal))
        {
            var paths = routes.Where(r => r.Scope == scope).Select(r => $"`{r.Path}`").Distinct().ToList();
            text.Append("- `").Append(scope).Append("` — ").Append(catalog.DescriptionOf(scope) ?? "not in the catalogue")
                .Append(' ').AppendLine(paths.Count > 0 ? $"Routes: {string.Join(", ", paths)}." : "No route yet.");
        }

        return text.ToString();
    }
}
