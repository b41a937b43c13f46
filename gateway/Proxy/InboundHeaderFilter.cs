using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Drops from the forwarded request every inbound header the backend must only ever hear from the gateway, under any
/// spelling: a name that, folded (<see cref="FoldedName"/>), equals a protected one (the identity headers, method and
/// path overrides, client-address headers) or starts with a protected prefix (<c>X-Gateway-</c>, <c>X-Forwarded-</c>),
/// any name with an underscore (as nginx does by default), and any header whose value carries a token
/// (<c>opt_live_…</c>, <c>opt_admin_…</c>): tokens are accepted only in <c>Authorization</c> and never reach the backend.
/// The gateway's own identity, request id, credential and <c>X-Forwarded-*</c> headers are set after this.
/// </summary>
public sealed class InboundHeaderFilter : RequestTransform
{
    // Longer than any protected name: a longer folded name can only match by prefix.
    private const int FoldLimit = 64;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly string[] _prefixes;
    private readonly string[] _tokenPrefixes;

    /// <param name="names">Protected names, in any spelling.</param>
    /// <param name="prefixes">Protected name prefixes, in any spelling.</param>
    /// <param name="tokenPrefixes">Prefixes of the credentials the gateway issues.</param>
    public InboundHeaderFilter(IEnumerable<string> names, IEnumerable<string> prefixes, IEnumerable<string> tokenPrefixes)
    {
        _names = new HashSet<string>(names.Select(FoldedName.Of), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = [.. prefixes.Select(FoldedName.Of)];
        _tokenPrefixes = [.. tokenPrefixes];
        if (_names.Set.Any(n => n.Length >= FoldLimit) || _prefixes.Any(p => p.Length >= FoldLimit))
        {
            throw new ArgumentException($"Protected header names must fold to fewer than {FoldLimit} letters and digits.", nameof(names));
        }
    }

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<string>? doomed = null;
        foreach (var (name, values) in context.HttpContext.Request.Headers)
        {
            if (IsProtected(name) || CarriesToken(values))
            {
                (doomed ??= []).Add(name);
            }
        }

        if (doomed is not null)
        {
            var headers = context.ProxyRequest.Headers;
            var content = context.ProxyRequest.Content?.Headers;
            foreach (var name in doomed)
            {
                // Content headers (an empty body's Content-Type …) live apart from the others, and Remove throws for a
                // name of the other kind: remove each from where it is.
                if (headers.NonValidated.Contains(name))
                {
                    headers.Remove(name);
                }

                if (content is not null && content.NonValidated.Contains(name))
                {
                    content.Remove(name);
                }
            }
        }

        return default;
    }

    /// <summary>True for a name the backend must never receive from a client.</summary>
    public bool IsProtected(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('_', StringComparison.Ordinal))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[FoldLimit];
        var folded = buffer[..FoldedName.Write(name, buffer)];
        if (_names.Contains(folded))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool CarriesToken(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            foreach (var prefix in _tokenPrefixes)
            {
                if (value is not null && value.Contains(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
