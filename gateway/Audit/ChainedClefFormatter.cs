using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace Gateway.Audit;

/// <summary>
/// CLEF lines with the hash chain: each event gets <see cref="HashChain.PropertyName"/> = the hash of the line
/// written before it. The file sink calls this one event at a time, in order, so the chain state is safe here.
/// </summary>
public sealed class ChainedClefFormatter(string previousHash) : ITextFormatter
{
    private readonly CompactJsonFormatter _inner = new();
    private string _previous = previousHash;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        logEvent.AddOrUpdateProperty(new LogEventProperty(HashChain.PropertyName, new ScalarValue(_previous)));
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _inner.Format(logEvent, line);
        var text = line.ToString().TrimEnd('\r', '\n');
        output.Write(text);
        output.Write('\n');
        _previous = HashChain.Of(text);
    }
}
