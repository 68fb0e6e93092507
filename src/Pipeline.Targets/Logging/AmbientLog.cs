using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Targets.Logging;

/// <summary>
/// Serilog's static <c>Log</c> for builds, as in NUKE, routed to the logger of the build running on this async flow:
/// builds run side by side in one process (the engine's tests) keep their logs apart.
/// </summary>
internal static class AmbientLog
{
    private static readonly AsyncLocal<ILogger?> Current = new();
    private static readonly ILogger Router = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new RoutingSink()).CreateLogger();

    /// <summary>From here on, on this flow, <c>Log.Information(...)</c> writes to <paramref name="logger"/>.</summary>
    public static void Use(ILogger logger)
    {
        Current.Value = logger;
        Log.Logger = Router;
    }

    private sealed class RoutingSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => Current.Value?.Write(logEvent);
    }
}
