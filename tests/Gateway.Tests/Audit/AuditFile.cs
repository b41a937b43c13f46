using System.Text.Json;

namespace Gateway.Tests.Audit;

/// <summary>Reads the CLEF audit files the way a SIEM would: one JSON object per line.</summary>
public static class AuditFile
{
    /// <summary>The event of one request (found by its X-Request-Id), waiting for the background writer (at most 10 s).</summary>
    public static async Task<JsonElement> EventAsync(string folder, string requestId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var line in await ReadLinesAsync(folder))
            {
                if (line.Contains(requestId, StringComparison.Ordinal))
                {
                    var json = JsonDocument.Parse(line).RootElement;
                    if (json.TryGetProperty("RequestId", out var id) && id.GetString() == requestId)
                    {
                        return json.Clone();
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No audit event for request {requestId} in {folder}.");
    }

    public static async Task<IReadOnlyList<string>> ReadLinesAsync(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.clef").Order(StringComparer.Ordinal))
        {
            // The writer keeps the file open; share it.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }

        return lines;
    }

    /// <summary>The staff/client action event <paramref name="action"/> on <paramref name="target"/>, waiting for the writer (at most 10 s).</summary>
    public static async Task<JsonElement> ActionAsync(string folder, string action, string target)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var line in await ReadLinesAsync(folder))
            {
                var json = JsonDocument.Parse(line).RootElement;
                if (json.GetProperty("EventType").GetString() == "staff_action"
                    && json.GetProperty("Action").GetString() == action
                    && json.TryGetProperty("Target", out var t) && t.GetString() == target)
                {
                    return json.Clone();
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No {action} event for {target}.");
    }
}
