using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Removes identity-selecting query parameters (<c>client_id</c> …). Names are compared the way PHP reads
/// them, because the billing systems behind the gateway are PHP: <c>Client.Id</c>, <c>client id</c> and
/// <c>client_id[]</c> all arrive there as <c>client_id</c>.
/// </summary>
public sealed class IdentityQueryTransform(IEnumerable<string> parameterNames) : RequestTransform
{
    private readonly HashSet<string> _names = new(parameterNames.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query.Collection;
        List<string>? doomed = null;
        foreach (var key in query.Keys)
        {
            if (_names.Contains(Normalize(key)))
            {
                (doomed ??= []).Add(key);
            }
        }

        if (doomed is not null)
        {
            foreach (var key in doomed)
            {
                query.Remove(key);
            }
        }

        return default;
    }

    // PHP turns '.' and ' ' in a parameter name into '_' and treats "name[...]" as an array named "name".
    internal static string Normalize(string name)
    {
        var trimmed = name.TrimStart(' ');
        var bracket = trimmed.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0)
        {
            trimmed = trimmed[..bracket];
        }

        return trimmed.Replace('.', '_').Replace(' ', '_');
    }
}
