using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>A Serilog logger that keeps every rendered line, so tests can search all log output.</summary>
internal sealed class TestLog : ILogEventSink
{
    private readonly List<string> _lines = [];

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
        lock (_lines) _lines.Add($"{logEvent.Level} {logEvent.RenderMessage()}");
    }
}
