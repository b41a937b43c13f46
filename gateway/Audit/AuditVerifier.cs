using System.Text.Json;

namespace Gateway.Audit;

/// <summary>The outcome of checking audit files: intact, or the first place where the chain breaks.</summary>
public sealed record AuditVerification(bool Intact, int Events, string? File = null, int? Line = null, string? Problem = null);

/// <summary>Checks the hash chain of audit files, in name (date) order, and reports the first break.</summary>
public static class AuditVerifier
{
    /// <summary>
    /// Verifies each chain among <paramref name="files"/> on its own (the server's <c>audit-…</c> files, the
    /// CLI's <c>audit-cli-…</c> files), each in date order.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var events = 0;
        foreach (var chain in files.GroupBy(HashChain.ChainOf, StringComparer.Ordinal))
        {
            var result = VerifyChain(chain);
            if (!result.Intact)
            {
                return result with { Events = events + result.Events };
            }

            events += result.Events;
        }

        return new AuditVerification(true, events);
    }

    private static AuditVerification VerifyChain(IEnumerable<string> files)
    {
        string? previous = null;
        var events = 0;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var text = System.IO.File.ReadAllText(file);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                var lastLine = text.Count(c => c == '\n') + 1;
                return new AuditVerification(false, events, file, lastLine, "the file does not end with a complete event: it was truncated or edited");
            }

            var lineNumber = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                string? link;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    link = json.RootElement.TryGetProperty(HashChain.PropertyName, out var value) ? value.GetString() : null;
                }
                catch (JsonException)
                {
                    return new AuditVerification(false, events, file, lineNumber, "not a complete JSON event: the line was edited or cut");
                }

                if (link is null)
                {
                    return new AuditVerification(false, events, file, lineNumber, $"no {HashChain.PropertyName}: not an event of this audit log");
                }

                // The first event checked may link to a file that was not given; every later one must link to the line before it.
                if (previous is not null && link != previous)
                {
                    return new AuditVerification(false, events, file, lineNumber, "does not follow the event before it: an event before this line was edited, removed or moved");
                }

                previous = HashChain.Of(line);
                events++;
            }
        }

        return new AuditVerification(true, events);
    }
}
