using System.Text.Json;

namespace Gateway.Cluster;

/// <summary>What goes over the sessions channel: who sent it, which session keys (by hash) and which subject ended.</summary>
public sealed record SessionEndMessage(string Origin, IReadOnlyList<string> KeyHashes, string? SubjectKind, string? SubjectId)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
