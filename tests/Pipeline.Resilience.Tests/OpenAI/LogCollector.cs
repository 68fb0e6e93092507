using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Pipeline.Resilience.Tests.OpenAI;

/// <summary>Collects rendered log lines so tests can assert on what was logged (and what never was).</summary>
internal sealed class LogCollector : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}");
    private readonly List<(LogEventLevel Level, string Text)> _lines = [];

    public LogCollector() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<(LogEventLevel Level, string Text)> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public string All => string.Join("\n", Lines.Select(l => l.Text));

    public void Emit(LogEvent logEvent)
    {
        // Rendered like the build's console (":lj": strings unquoted), which is what a person reads.
        using var writer = new StringWriter();
        Formatter.Format(logEvent, writer);
        var text = writer.ToString() + (logEvent.Exception is { } e ? " " + e : "");
        lock (_lines) _lines.Add((logEvent.Level, text));
    }
}
