using System.Text;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Removes query parameters a client could use to pick another client's data (<c>client_id</c> …) and any
/// parameter whose value carries a token (tokens are accepted only in the Authorization header, and must
/// not reach the backend's logs). The rest of the query passes byte for byte.
/// </summary>
/// <remarks>
/// Names are compared fail-closed, the way a PHP backend could read them: decoded, cut at a NUL, case and
/// punctuation ignored, and with or without a <c>[...]</c> suffix — so <c>Client.Id</c>, <c>client id</c>,
/// <c>client_id[]</c>, <c>client[id</c> and <c>client_id%00x</c> all count as <c>client_id</c>.
/// </remarks>
public sealed class IdentityQueryTransform(IEnumerable<string> parameterNames, IEnumerable<string> tokenPrefixes) : RequestTransform
{
    private readonly HashSet<string> _names = new(parameterNames.Select(FoldedName.Of), StringComparer.Ordinal);
    private readonly string[] _tokenPrefixes = [.. tokenPrefixes];

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.HttpContext.Request.QueryString;
        if (!query.HasValue || query.Value!.Length <= 1)
        {
            return default;
        }

        var kept = new StringBuilder(query.Value.Length);
        var removed = false;
        foreach (var pair in query.Value[1..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (IsIdentityName(name) || CarriesToken(value) || CarriesToken(name))
            {
                removed = true;
                continue;
            }

            kept.Append(kept.Length == 0 ? '?' : '&').Append(pair);
        }

        if (removed)
        {
            // Only a query that lost a parameter is rebuilt, from the untouched raw pairs that remain.
            var rebuilt = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            rebuilt.Request.QueryString = new QueryString(kept.Length == 0 ? null : kept.ToString());
            context.Query = new QueryTransformContext(rebuilt.Request);
        }

        return default;
    }

    internal bool IsIdentityName(string name)
    {
        var nul = name.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            name = name[..nul];
        }

        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return _names.Contains(FoldedName.Of(name)) || (bracket > 0 && _names.Contains(FoldedName.Of(name[..bracket])));
    }

    private bool CarriesToken(string text)
    {
        foreach (var prefix in _tokenPrefixes)
        {
            if (text.Contains(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
