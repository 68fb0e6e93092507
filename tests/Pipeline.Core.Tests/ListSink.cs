using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Core.Tests;

/// <summary>Collects rendered log messages, for tests that check what was logged.</summary>
internal sealed class ListSink(List<string> lines) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (lines) lines.Add(logEvent.RenderMessage());
    }
}
