using System.Globalization;
using Pipeline.Core.Redaction;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Pipeline.Core.Logging;

/// <summary>
/// The run's Serilog logger: a human console sink and a compact-JSON file
/// (<c>reports/logs/build-YYYYMMDD-HHMMSS.clef</c>), both rendered through the redactor.
/// </summary>
public static class BuildLog
{
    // No {Exception}: a stack trace is for the log file; the console gets the message (a user's error never has a trace).
    public const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}";

    /// <summary>Creates the logger and returns it with the path of its log file.</summary>
    public static (Logger Logger, string FilePath) Create(string root, DateTimeOffset runStart, LogEventLevel consoleLevel,
        SecretRedactor? redactor = null, TextWriter? console = null)
    {
        redactor ??= SecretRedactor.Global;
        var stamp = runStart.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var directory = Path.Combine(root, "reports", "logs");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"build-{stamp}.clef");
        for (var i = 2; File.Exists(path); i++) path = Path.Combine(directory, $"build-{stamp}-{i}.clef");

        var consoleFormatter = new RedactingFormatter(new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture), redactor);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(new RedactingFormatter(new CompactJsonFormatter(), redactor), path, LogEventLevel.Verbose);
        configuration = console is null
            ? configuration.WriteTo.Console(consoleFormatter, consoleLevel, standardErrorFromLevel: LogEventLevel.Error)
            : configuration.WriteTo.Sink(new TextWriterSink(consoleFormatter, console), consoleLevel);
        return (configuration.CreateLogger(), path);
    }
}
