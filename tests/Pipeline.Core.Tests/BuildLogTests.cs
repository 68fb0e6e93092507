using Pipeline.Core.Logging;
using Pipeline.Core.Redaction;
using Serilog.Events;

namespace Pipeline.Core.Tests;

public sealed class BuildLogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-log-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Console_and_compact_json_file_are_both_redacted()
    {
        var redactor = new SecretRedactor();
        redactor.Register("sbp_0123456789abcdef0123456789abcdef01234567");
        var console = new StringWriter();
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var (logger, path) = BuildLog.Create(_root, start, LogEventLevel.Information, redactor, console);
        logger.Information("Supabase token {Token} loaded", "sbp_0123456789abcdef0123456789abcdef01234567");
        logger.Debug("debug only in the file: sbp_0123456789abcdef0123456789abcdef01234567");
        logger.Dispose();

        Assert.Equal(Path.Combine(_root, "reports", "logs", "build-20261125-100000.clef"), path);
        var file = File.ReadAllText(path);
        Assert.Contains("debug only in the file", file);
        Assert.Contains("\"@mt\":\"Supabase token {Token} loaded\"", file);
        Assert.DoesNotContain("sbp_0123456789abcdef", file);
        Assert.Contains("Supabase token", console.ToString());
        Assert.DoesNotContain("debug only", console.ToString());
        Assert.DoesNotContain("sbp_0123456789abcdef", console.ToString());
    }

    [Fact]
    public void Two_runs_in_the_same_second_get_two_log_files()
    {
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var (first, firstPath) = BuildLog.Create(_root, start, LogEventLevel.Information, new SecretRedactor(), new StringWriter());
        first.Dispose();
        var (second, secondPath) = BuildLog.Create(_root, start, LogEventLevel.Information, new SecretRedactor(), new StringWriter());
        second.Dispose();
        Assert.NotEqual(firstPath, secondPath);
    }
}
