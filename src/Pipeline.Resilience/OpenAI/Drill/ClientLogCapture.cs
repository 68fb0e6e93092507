using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>Keeps the client's log lines of one scenario, rendered as a person reads them, for the evidence log.</summary>
internal sealed class ClientLogCapture : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Formatter = new("{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}", CultureInfo.InvariantCulture);
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, writer);
        lock (_lines) _lines.Add(writer.ToString());
    }
}
