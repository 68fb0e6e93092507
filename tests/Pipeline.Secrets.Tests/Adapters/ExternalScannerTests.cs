using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Pipeline.Secrets.Adapters;
using Pipeline.Core.Logging;
using Serilog;
using Serilog.Formatting.Display;

namespace Pipeline.Secrets.Tests.Adapters;

/// <summary>The trufflehog and detect-secrets adapters against real child processes printing the tools' real formats.</summary>
public sealed class ExternalScannerTests
{
    private readonly string _tools = Fixtures.TempFolder();
    private readonly string _root = Fixtures.Corpus;
    private readonly SecretRedactor _redactor = new();
    private readonly StringWriter _logText = new();

    private ExternalScanner CreateScanner()
    {
        var logger = new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new TextWriterSink(new MessageTemplateTextFormatter("{Level:u3} {Message:lj}{NewLine}"), _logText)).CreateLogger();
        return new ExternalScanner(new ToolRunner(logger, _redactor), logger, _redactor);
    }

    [Fact]
    public async Task Trufflehog_findings_are_parsed_with_relative_paths_and_raw_values_registered()
    {
        var tool = FakeTool.Trufflehog(_tools);
        var (run, findings) = await CreateScanner().RunTrufflehogAsync(new ExternalEngineSettings { ExecutablePath = tool }, _root, verify: false, default);

        Assert.Equal((EngineStatus.Ran, "3.90.0", 4), (run.Status, run.Version, run.Findings));
        Assert.Equal("filesystem --json --no-update --no-verification .", FakeTool.Arguments(tool));
        Assert.Contains(findings, f => f.File == "src/app.py" && f.Line == 4 && f.Family == "github" && f.TrufflehogDetectorType == 8);
        Assert.Contains(findings, f => f.File == "config/appsettings.json" && f.Family == "url-credentials");
        Assert.Equal(5, _redactor.Count); // 4 Raw + the AWS RawV2 (id:secret)
        Assert.All(findings, f => Assert.Contains("***[redacted:", f.Redacted));
    }

    [Fact]
    public async Task Verification_is_only_requested_when_asked()
    {
        var tool = FakeTool.Trufflehog(_tools);
        await CreateScanner().RunTrufflehogAsync(new ExternalEngineSettings { ExecutablePath = tool }, _root, verify: true, default);
        Assert.Equal("filesystem --json --no-update .", FakeTool.Arguments(tool));
    }

    [Fact]
    public async Task Detect_secrets_baseline_output_is_parsed_hash_only()
    {
        var tool = FakeTool.DetectSecrets(_tools);
        var (run, findings) = await CreateScanner().RunDetectSecretsAsync(new ExternalEngineSettings { ExecutablePath = tool }, _root, default);

        Assert.Equal((EngineStatus.Ran, "1.5.0", 17), (run.Status, run.Version, findings.Count));
        Assert.Equal("scan --all-files .", FakeTool.Arguments(tool));
        Assert.Contains(findings, f => f.File == "src/app.py" && f.Line == 2 && f.Family == "aws" && f.SecretHash == "4b78bb9cc8f6a3d7f41f34b3c241df85b65690b2");
        Assert.All(findings, f => Assert.StartsWith("(hash only:", f.Redacted));
    }

    [Fact]
    public async Task A_missing_tool_is_reported_with_how_to_install_it()
    {
        var settings = new ExternalEngineSettings { ExecutablePath = Path.Combine(_tools, "nope", "trufflehog") };
        var (run, findings) = await CreateScanner().RunTrufflehogAsync(settings, _root, false, default);
        Assert.Equal(EngineStatus.Failed, run.Status);
        Assert.Contains("does not exist or is not executable", run.Message);
        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_tool_absent_from_path_is_not_run_and_says_so()
    {
        var settings = new ExternalEngineSettings { SearchPath = Fixtures.TempFolder() };
        var (run, findings) = await CreateScanner().RunDetectSecretsAsync(settings, _root, default);
        Assert.Equal(EngineStatus.NotFound, run.Status);
        Assert.Contains("not found on PATH", run.Message);
        Assert.Contains("pip install detect-secrets", run.Message);
        Assert.Empty(findings);
    }

    [Fact]
    public async Task Exit_code_1_is_a_failure_with_the_stderr_tail()
    {
        var tool = FakeTool.Trufflehog(_tools, "echo 'error: unable to read config' >&2\nexit 1");
        var (run, findings) = await CreateScanner().RunTrufflehogAsync(new ExternalEngineSettings { ExecutablePath = tool }, _root, false, default);
        Assert.Equal(EngineStatus.Failed, run.Status);
        Assert.Contains("exit code 1", run.Message);
        Assert.Contains("trufflehog failed", _logText.ToString());
        Assert.Contains("unable to read config", run.Message);
        Assert.Contains("built-in scanner's findings are reported without it", run.Message);
        Assert.Empty(findings);
    }

    [Fact]
    public async Task Garbage_output_is_a_failure_that_quotes_the_line_masked()
    {
        var tool = FakeTool.Trufflehog(_tools, "echo 'Found verified result 🐷🔑'\nexit 183");
        var (run, _) = await CreateScanner().RunTrufflehogAsync(new ExternalEngineSettings { ExecutablePath = tool }, _root, false, default);
        Assert.Equal(EngineStatus.Failed, run.Status);
        Assert.Contains("not a JSON finding on stdout line 1", run.Message);

        var detect = FakeTool.DetectSecrets(_tools, "echo '{\"results\": 42'");
        var (detectRun, _) = await CreateScanner().RunDetectSecretsAsync(new ExternalEngineSettings { ExecutablePath = detect }, _root, default);
        Assert.Equal(EngineStatus.Failed, detectRun.Status);
        Assert.Contains("detect-secrets printed JSON that is not a baseline", detectRun.Message);
    }

    [Fact]
    public async Task A_hang_past_the_timeout_is_stopped_and_reported()
    {
        var tool = FakeTool.DetectSecrets(_tools, "exec sleep 30");
        var settings = new ExternalEngineSettings { ExecutablePath = tool, Timeout = TimeSpan.FromSeconds(1) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (run, _) = await CreateScanner().RunDetectSecretsAsync(settings, _root, default);
        Assert.Equal(EngineStatus.Failed, run.Status);
        Assert.Contains("did not finish within 1 s", run.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the hung tool was not stopped");
    }
}
