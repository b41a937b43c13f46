using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Gateway.Audit;

/// <summary>
/// The audit log's Serilog sink, for the events that are not requests (staff actions, chain gaps): each is rendered as
/// CLEF and committed to the chain without waiting (the request events skip Serilog, see <see cref="AuditJson"/>).
/// </summary>
internal sealed class AuditEventSink(AuditGroupCommit commit) : ILogEventSink
{
    private readonly CompactJsonFormatter _json = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var rendered = new StringWriter(CultureInfo.InvariantCulture);
        _json.Format(logEvent, rendered);
        // The chain writer closes the object after its own members.
        var text = rendered.ToString().AsSpan().TrimEnd("\r\n")[..^1];
        var line = AuditLine.Rent(awaited: false);
        line.Advance(Encoding.UTF8.GetBytes(text, line.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
        commit.Post(line);
    }
}
