using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Pipeline.Core.Logging;

/// <summary>Writes formatted events to a given TextWriter (tests and embedded hosts capture the console this way).</summary>
public sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly object _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
