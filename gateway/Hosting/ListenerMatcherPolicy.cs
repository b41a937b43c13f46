using Microsoft.AspNetCore.Routing.Matching;

namespace Gateway.Hosting;

/// <summary>
/// The listener split, decided in one place: routing (as the framework's host matching does for the Host header)
/// matches an endpoint tagged with <see cref="ListenerMetadata"/> only on connections of that listener. It branches on
/// the listener before the HTTP method, so the other listener's paths are a plain 404 — never a 405 that would tell a
/// caller the path exists elsewhere — and <c>/docs</c> can be the client docs on one listener and the admin docs on
/// the other. Endpoints without the metadata would answer on both; every endpoint the gateway maps carries it.
/// </summary>
internal sealed class ListenerMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    // Before the HTTP method policy (-1000), so methods are only ever compared among this listener's endpoints.
    public override int Order => -2000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Any(e => e.Metadata.GetMetadata<ListenerMetadata>() is not null);
    }

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // One edge per listener: its own endpoints and the untagged ones, in their original order.
        return [.. new[] { Listener.PublicName, Listener.AdminName }.Select(listener => new PolicyNodeEdge(
            listener,
            [.. endpoints.Where(e => e.Metadata.GetMetadata<ListenerMetadata>() is not { } only || only.Listener == listener)]))];
    }

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
