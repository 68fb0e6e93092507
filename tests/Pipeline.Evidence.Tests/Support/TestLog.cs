using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>A Serilog logger that keeps every rendered line, so tests can search all log output.</summary>
internal sealed class TestLog : ILogEventSink
{
    private readonly List<string> _lines = [];
    private readonly MessageTemplateTextFormatter _formatter = new("{Level} {Message:lj}");

    public TestLog()
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

    public string Text
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    public void Emit(LogEvent logEvent)
    {
        var line = new StringWriter();
        _formatter.Format(logEvent, line);
        lock (_lines) _lines.Add(line.ToString());
    }
}
