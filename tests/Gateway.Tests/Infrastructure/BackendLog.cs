using WireMock;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads what the backend received; header names are case-insensitive in HTTP, so here too.</summary>
public static class BackendLog
{
    public static string[] Header(this IRequestMessage request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers?
            .Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value)
            .ToArray() ?? [];
    }

    public static bool HasHeader(this IRequestMessage request, string name) => request.Header(name).Length > 0;
}
