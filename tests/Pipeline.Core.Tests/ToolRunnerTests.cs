using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;

namespace Pipeline.Core.Tests;

/// <summary>The runner against real child processes: small bash scripts standing in for tools.</summary>
public sealed class ToolRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-tools-").FullName;
    private readonly List<string> _logged = [];
    private readonly ILogger _logger;

    public ToolRunnerTests() => _logger = new LoggerConfiguration().MinimumLevel.Verbose()
        .WriteTo.Sink(new ListSink(_logged)).CreateLogger();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task Stdout_is_returned_and_stderr_is_logged_redacted()
    {
        var redactor = new SecretRedactor();
        redactor.Register("AKIAPLANTED0123456789");
        var tool = Script("fake-tool", "echo '{\"found\":1}'; echo 'warning: key AKIAPLANTED0123456789 seen' >&2; exit 0");
        var result = await new ToolRunner(_logger, redactor).RunAsync(new ToolCommand(tool, ["scan", "."]));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"found\":1}\n", result.StandardOutput);
        Assert.Contains(_logged, line => line.Contains("warning: key") && line.Contains("[redacted:"));
        Assert.DoesNotContain(_logged, line => line.Contains("AKIAPLANTED0123456789"));
        Assert.DoesNotContain("AKIAPLANTED0123456789", result.StandardError);
    }

    [Fact]
    public async Task Exit_codes_listed_as_outcomes_are_not_failures_and_others_are()
    {
        var tool = Script("trufflehog", "echo 'found results' >&2; exit 183");
        var runner = new ToolRunner(_logger, new SecretRedactor());
        var ok = await runner.RunAsync(new ToolCommand(tool, []) { SuccessExitCodes = new HashSet<int> { 0, 183 } });
        Assert.Equal(183, ok.ExitCode);
        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => runner.RunAsync(new ToolCommand(tool, [])));
        Assert.Contains("failed with exit code 183", failure.Message);
        Assert.Contains("found results", failure.Message);
    }

    [Fact]
    public async Task A_hanging_tool_is_killed_at_its_timeout_with_a_clear_message()
    {
        var tool = Script("hangs", "echo 'starting' >&2; exec sleep 60");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ToolTimeoutException>(() =>
            new ToolRunner(_logger, new SecretRedactor()).RunAsync(new ToolCommand(tool, []) { Timeout = TimeSpan.FromSeconds(3) })); // long enough for a loaded machine to start bash
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Contains("did not finish within 3 s", error.Message);
        Assert.Contains("starting", error.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_tool()
    {
        var tool = Script("slow", "exec sleep 60");
        using var cancellation = new CancellationTokenSource();
        var run = new ToolRunner(_logger, new SecretRedactor()).RunAsync(new ToolCommand(tool, []), cancellation.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void A_missing_tool_names_the_tool_and_how_to_install_it()
    {
        var error = Assert.Throws<ToolNotFoundException>(() => ToolLocator.Require("k6-does-not-exist", "Install k6: https://k6.io/docs/get-started/installation/"));
        Assert.Equal("'k6-does-not-exist' was not found on PATH. Install k6: https://k6.io/docs/get-started/installation/", error.Message);
        var explicitPath = Assert.Throws<ToolException>(() => ToolLocator.Require("k6", "Install k6.", Path.Combine(_folder, "nope")));
        Assert.Contains("does not exist or is not executable", explicitPath.Message);
    }

    [Fact]
    public void Tools_are_found_on_the_given_path_variable()
    {
        var tool = Script("detect-secrets", "echo 1.5.0");
        Assert.Equal(tool, ToolLocator.Find("detect-secrets", pathVariable: "/nonexistent" + Path.PathSeparator + _folder));
        Assert.Null(ToolLocator.Find("detect-secrets", pathVariable: "/nonexistent"));
    }

    [Fact]
    public async Task The_version_is_the_first_line_the_tool_prints()
    {
        var tool = Script("k6", "echo 'k6 v0.47.0 (go1.21.1, linux/amd64)'; echo 'Extensions:'");
        Assert.Equal("k6 v0.47.0 (go1.21.1, linux/amd64)", await new ToolRunner(_logger, new SecretRedactor()).GetVersionAsync(tool, "version"));
        var crashes = Script("broken", "exit 3");
        Assert.Null(await new ToolRunner(_logger, new SecretRedactor()).GetVersionAsync(crashes));
    }
}
