using Microsoft.AspNetCore.Routing.Matching;

namespace Gateway.Hosting;

/// <summary>
/// The listener split, decided in one place: routing (as the framework's host matching does for the Host header)
/// matches an endpoint on the public listener only when it is tagged with <see cref="ListenerMetadata"/> for it, and
/// everything else only on the admin listener — the public surface is an allowlist, so an endpoint the framework adds
/// on its own (the static assets' file fallback) never answers there. It branches on the listener before the HTTP
/// method, so the other listener's paths are a plain 404 — never a 405 that would tell a caller the path exists
/// elsewhere — and <c>/docs</c> can be the client docs on one listener and the admin docs on the other.
/// </summary>
internal sealed class ListenerMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    // Before the HTTP method policy (-1000), so methods are only ever compared among this listener's endpoints.
    public override int Order => -2000;

    // Every node: untagged endpoints must be kept off the public listener too.
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Count > 0;
    }

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // One edge per listener, endpoints in their original order: public ones on the public listener, the rest on admin.
        return
        [
            new PolicyNodeEdge(Listener.PublicName, [.. endpoints.Where(IsPublic)]),
            new PolicyNodeEdge(Listener.AdminName, [.. endpoints.Where(e => !IsPublic(e))]),
        ];
    }

    private static bool IsPublic(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Listener == Listener.PublicName;

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        int Destination(string listener) => edges.FirstOrDefault(e => (string)e.State == listener) is { State: not null } edge ? edge.Destination : exitDestination;
        return new ListenerJumpTable(Destination(Listener.PublicName), Destination(Listener.AdminName));
    }

    private sealed class ListenerJumpTable(int publicDestination, int adminDestination) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) =>
            Listener.Of(httpContext).IsAdmin ? adminDestination : publicDestination;
    }
}
