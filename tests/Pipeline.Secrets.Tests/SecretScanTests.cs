using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Evidence;
using Pipeline.Core.Logging;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Baseline;
using Serilog.Events;

namespace Pipeline.Secrets.Tests;

/// <summary>
/// The whole ScanSecrets run on a copy of the corpus: engines merged, four reports, baseline gating and
/// update, the sanitisation checklist, and no planted value in anything the run wrote or printed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretScanTests
{
    private readonly string _root = Fixtures.TempFolder();
    private readonly string _tools = Fixtures.TempFolder();
    private readonly SecretRedactor _redactor = new();
    private readonly StringWriter _console = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero));

    public SecretScanTests()
    {
        foreach (var file in Directory.EnumerateFiles(Fixtures.Corpus, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(Fixtures.Corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "reports/*\n"); // as in the repository: evidence is not source
    }

    private async Task<SecretScanResult> RunAsync(Func<SecretScanSettings, SecretScanSettings>? configure = null)
    {
        var (logger, _) = BuildLog.Create(_root, _clock.GetLocalNow(), LogEventLevel.Verbose, _redactor, _console);
        var settings = new SecretScanSettings(_root)
        {
            Trufflehog = new ExternalEngineSettings { SearchPath = _tools },
            DetectSecrets = new ExternalEngineSettings { SearchPath = _tools },
            Environment = new Dictionary<string, string>(),
        };
        try
        {
            return await SecretScan.RunAsync(configure?.Invoke(settings) ?? settings, new RunContext(new EvidenceStore(_root, _clock, _redactor), logger, clock: _clock));
        }
        finally
        {
            await logger.DisposeAsync();
        }
    }

    [Fact]
    public async Task Merges_all_engines_into_four_reports_named_by_date()
    {
        FakeTool.Trufflehog(_tools);
        FakeTool.DetectSecrets(_tools);

        var result = await RunAsync();

        Assert.Equal(["built-in", "trufflehog", "detect-secrets"], result.Engines.Select(e => e.Engine));
        Assert.All(result.Engines, e => Assert.Equal(EngineStatus.Ran, e.Status));
        Assert.Equal(12, result.Findings.Count); // trufflehog's 4 and detect-secrets' 17 all merge into the built-in 12
        var github = result.Findings.Single(f => f.File == "src/app.py" && f.Line == 4);
        Assert.Equal(["built-in", "trufflehog", "detect-secrets"], github.Engines);
        Assert.Equal(
            ["secrets-scan-20261125.txt", "detect-secrets-raw-20261125.json", "secrets-scan-20261125.sarif", "ci-secrets-scan-20261125.log"],
            new[] { result.Reports.TrufflehogJsonLines, result.Reports.DetectSecretsBaseline, result.Reports.Sarif, result.Reports.Log }.Select(Path.GetFileName));
        Assert.Equal(12, File.ReadAllLines(result.Reports.TrufflehogJsonLines).Length);
        var log = File.ReadAllText(result.Reports.Log);
        Assert.Contains("trufflehog 3.90.0: ran", log);
        Assert.Contains("detect-secrets 1.5.0: ran", log);
        Assert.Contains("Files scanned:  7", log); // the corpus, .gitignore and the build log under reports/logs
        Assert.Contains("Log sanitisation checklist (AC1.3)", log);
        Assert.Contains("Result: FAILED - 12 new secret(s)", log);
        Assert.Equal("12 secret finding(s) not in the baseline - see ci-secrets-scan-20261125.log. Rotate real credentials (docs/operations/secrets-rotation.md) and remove them; " +
            "accept reviewed false positives with --update-baseline or a pipeline:allow-secret comment.", result.Outcome.Failure);
        Assert.Equal(new[] { result.Reports.TrufflehogJsonLines, result.Reports.DetectSecretsBaseline, result.Reports.Sarif, result.Reports.Log }, result.EvidenceFiles);
    }

    [Fact]
    public async Task A_failing_engine_is_reported_and_the_built_in_result_still_lands()
    {
        FakeTool.Trufflehog(_tools, "echo 'panic: runtime error' >&2\nexit 1");
        var result = await RunAsync();

        Assert.Equal(EngineStatus.Failed, result.Engines.Single(e => e.Engine == "trufflehog").Status);
        Assert.Equal(EngineStatus.NotFound, result.Engines.Single(e => e.Engine == "detect-secrets").Status);
        Assert.Equal(12, result.Findings.Count);
        var log = File.ReadAllText(result.Reports.Log);
        Assert.Contains("trufflehog: FAILED - 'trufflehog filesystem --json --no-update --no-verification .' failed with exit code 1", log);
        Assert.Contains("detect-secrets: not run - not found on PATH", log);
        Assert.Contains("[ ] Every engine that was present finished", log);
    }

    [Fact]
    public async Task Update_baseline_accepts_current_findings_and_the_next_run_passes_until_a_new_secret_appears()
    {
        var first = await RunAsync(s => s with { UpdateBaseline = true });
        Assert.Equal(RunOutcome.Passed, first.Outcome);
        Assert.Equal(12, SecretsBaseline.Load(Path.Combine(_root, ".secrets.baseline")).Entries.Count);

        var second = await RunAsync();
        Assert.Equal((0, 12, false), (second.NewFindings, second.BaselinedFindings, second.Outcome.IsFailed));
        Assert.EndsWith("-233000.txt", second.Reports.TrufflehogJsonLines); // same day: never overwrites

        File.AppendAllText(Path.Combine(_root, "src", "app.py"), $"STRIPE = \"{PlantedSecrets.Stripe(new Random(9))}\"\n");
        var third = await RunAsync();
        Assert.Equal((1, 12), (third.NewFindings, third.BaselinedFindings));
        Assert.StartsWith("1 secret finding(s) not in the baseline - see ci-secrets-scan-20261125-233000-2.log.", third.Outcome.Failure);
        Assert.Equal(RunOutcome.Passed, (await RunAsync(s => s with { FailOn = FailOn.None })).Outcome);
        Assert.StartsWith("13 secret finding(s) - see ", (await RunAsync(s => s with { FailOn = FailOn.Any, Baseline = Path.Combine(_root, "none.baseline") })).Outcome.Failure);
    }

    [Fact]
    public async Task Secrets_in_logs_and_environment_values_written_in_clear_fail_the_sanitisation_check_without_being_repeated()
    {
        var random = new Random(21);
        var leakedToken = PlantedSecrets.OpenAiProject(random);
        var oddPassword = "Plain" + PlantedSecrets.Random("abcdefghijklmnop", 10, random) + "!";
        var ciLogs = Path.Combine(_root, "ci-logs");
        Directory.CreateDirectory(ciLogs);
        File.WriteAllText(Path.Combine(ciLogs, "job-42.log"), $"step 3: using key {leakedToken}\nconnecting with {oddPassword}\n");

        var result = await RunAsync(s => s with
        {
            ScanPaths = [ciLogs],
            Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = oddPassword, ["HOME"] = "/root", ["OPENAI_API_KEY"] = leakedToken },
        });

        Assert.False(result.Sanitisation.Clean);
        Assert.Equal(1, result.Sanitisation.SecretFindingsInArtifacts);
        Assert.Equal(["DB_PASSWORD", "OPENAI_API_KEY"], result.Sanitisation.EnvironmentValueLeaks.Select(l => l.Variable).Order());
        var log = File.ReadAllText(result.Reports.Log);
        Assert.Contains("FOUND in DB_PASSWORD in ci-logs/job-42.log", log);
        AssertNothingContains(leakedToken, oddPassword);
    }

    [Fact]
    public async Task No_report_log_or_console_line_contains_a_planted_value()
    {
        FakeTool.Trufflehog(_tools);
        FakeTool.DetectSecrets(_tools);
        var planted = File.ReadLines(Fixtures.Path("trufflehog", "filesystem-scan.jsonl"))
            .Where(l => l.Length > 0)
            .SelectMany(l => { using var d = System.Text.Json.JsonDocument.Parse(l); return new[] { d.RootElement.GetProperty("Raw").GetString()!, d.RootElement.GetProperty("RawV2").GetString()! }; })
            .Where(v => v.Length > 0)
            .Concat(File.ReadAllLines(Path.Combine(_root, "src", "app.py")).Skip(1).Select(l => l.Split('"')[1]))
            .Concat(File.ReadAllLines(Path.Combine(_root, "src", "ai.js")).Select(l => l.Split('"')[1]))
            .Append(File.ReadAllText(Path.Combine(_root, "config", "id_rsa.pem")).Split('\n')[1])
            .Append(System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(_root, "config", ".env.example")), ":([^:/@]+)@").Groups[1].Value)
            .ToList();

        await RunAsync();
        await RunAsync(s => s with { UpdateBaseline = true });

        Assert.True(planted.Count >= 12);
        AssertNothingContains([.. planted]);
    }

    [Fact]
    public async Task A_file_the_scan_cannot_read_fails_the_gate_until_it_is_accepted_and_the_log_counts_its_bytes()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.env"), Path.Combine(_root, "gone.env"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop-a"), Path.Combine(_root, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop-b"), Path.Combine(_root, "loop-a"));
        await RunAsync(s => s with { UpdateBaseline = true }); // every finding accepted: only the gaps are left

        var failed = await RunAsync(s => s with { FailOn = FailOn.Any });
        var gapsOnly = await RunAsync(s => s with { FailOn = FailOn.New });
        var accepted = await RunAsync(s => s with { FailOn = FailOn.New, AllowUnscanned = ["dangling.env", "loop-*"] });

        Assert.Equal((3, 0L, 3), (failed.UnscannedFiles, failed.UnscannedBytes, failed.UnacceptedUnscannedFiles));
        Assert.EndsWith("a pipeline:allow-secret comment. Also 3 file(s) could not be read.", failed.Outcome.Failure); // any finding fails with --fail-on any
        Assert.StartsWith("3 file(s) could not be read, so the gate cannot say they hold no secret - see the unscanned list in ci-secrets-scan-", gapsOnly.Outcome.Failure);
        Assert.EndsWith("accept each gap explicitly with --allow-unscanned GLOB.", gapsOnly.Outcome.Failure);
        var log = File.ReadAllText(failed.Reports.Log);
        Assert.Contains("Unscanned:      3 file(s), 0 bytes unread (2 symlink loop, 1 broken symlink); 3 not accepted: they fail the gate", log);
        Assert.Contains("  dangling.env: broken symlink", log);
        Assert.Contains("Result: FAILED", log);
        Assert.Equal((3, 0, RunOutcome.Passed), (accepted.UnscannedFiles, accepted.UnacceptedUnscannedFiles, accepted.Outcome));
        Assert.Contains("all accepted with --allow-unscanned", File.ReadAllText(accepted.Reports.Log));
    }

    [Fact]
    public async Task Evidence_archives_the_build_wrote_are_scanned_entry_by_entry()
    {
        var token = PlantedSecrets.GitHubToken(new Random(31));
        Directory.CreateDirectory(Path.Combine(_root, "reports"));
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(_root, "reports", "evidence-20261125-1.zip"), System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("logs/run.log").Open()))
            writer.Write("leaked " + token);

        var result = await RunAsync(s => s with { FailOn = FailOn.Any });

        Assert.Contains(result.Findings, f => f.File == "reports/evidence-20261125-1.zip!logs/run.log" && f.RuleId == "github-token");
        Assert.Equal(0, result.UnscannedFiles);
        AssertNothingContains(token);
    }

    private void AssertNothingContains(params string[] values)
    {
        var outputs = Directory.EnumerateFiles(Path.Combine(_root, "reports"), "*", SearchOption.AllDirectories)
            .Append(Path.Combine(_root, ".secrets.baseline")).Where(File.Exists)
            .Select(path => (Name: Path.GetRelativePath(_root, path), Text: File.ReadAllText(path)))
            .Append(("console", _console.ToString())).ToList();
        Assert.True(outputs.Count >= 4);
        foreach (var (name, text) in outputs)
        foreach (var value in values)
            Assert.False(text.Contains(value, StringComparison.Ordinal), $"{name} contains a planted value ({SecretRedactor.Mask(value)})");
    }
}
