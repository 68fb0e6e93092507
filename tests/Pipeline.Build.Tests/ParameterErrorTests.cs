namespace Pipeline.Build.Tests;

/// <summary>Every bad parameter of the real build is one clean line (what is wrong, what to do) and exit 2, before any target runs.</summary>
public sealed class ParameterErrorTests
{
    [Theory]
    [InlineData("--base-url: 'notaurl' is not an absolute http(s) URL, e.g. https://api.example.com", "RunP95", "--base-url", "notaurl")]
    [InlineData("--metrics-url: 'localhost:9090/metrics' is not an absolute http(s) URL", "RunP95", "--metrics-url", "localhost:9090/metrics")]
    [InlineData("--prometheus-url: 'ftp://prometheus.example.com' is not an absolute http(s) URL", "Summarize", "--prometheus-url", "ftp://prometheus.example.com")]
    [InlineData("--openai-base-url: 'api.openai.com/v1' is not an absolute http(s) URL", "DrillOpenAI", "--openai-base-url", "api.openai.com/v1")]
    [InlineData("--downtime: '5' is not a valid duration; write it with a unit: 500ms, 10s, 1m30s, 2h or 1d.", "DrillSupabase", "--downtime", "5")]
    [InlineData("--scanner-timeout: '00:01:00' is not a valid duration", "ScanSecrets", "--scanner-timeout", "00:01:00")]
    [InlineData("--requests: 'many' is not a valid int.", "RunP95", "--requests", "many")]
    [InlineData("--concurrency: '0' is out of range: it must be at least 1.", "RunP95", "--concurrency", "0")]
    [InlineData("--requests: '-300' is out of range: it must be at least 1.", "RunP95", "--requests", "-300")]
    [InlineData("--max-delta: '-1' is out of range: it must be at least 0.", "Summarize", "--max-delta", "-1")]
    [InlineData("--max-delta: 'NaN' is not a finite number.", "Summarize", "--max-delta", "NaN")]
    [InlineData("--max-delta: 'Infinity' is not a finite number.", "Summarize", "--max-delta", "Infinity")]
    [InlineData("--health-retention-days: '-1' is out of range: it must be at least 1.", "HealthCheck", "--health-retention-days", "-1")]
    [InlineData("--evidence-date: '2025-13-45' is not a date; write it as YYYYMMDD (e.g. 20251014) or YYYY-MM-DD.", "ArchiveEvidence", "--skip", "--evidence-date", "2025-13-45")]
    [InlineData("--rotation-warn-days: '-7' is out of range: it must be at least 0.", "AuditSecrets", "--rotation-warn-days", "-7")]
    public void A_bad_value_stops_the_build_with_one_line_and_exit_2(string message, params string[] args)
    {
        using var run = new RealBuildRun();
        Assert.Equal(2, run.Run(args));
        var line = Assert.Single(run.Console.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {message}", line);
        Assert.False(Directory.Exists(Path.Combine(run.Root, "reports")), "no target may have run");
    }

    // Values the engine converts but a target's library refuses: the target fails with the library's one line (a
    // UserInputException, also while settings are built), exit code 1, no exception type, no stack trace. A library
    // names the setting it refuses; Run(...) puts the flag the user typed in front (--inventory, --dashboard-p95...).
    [Theory]
    [InlineData("VerifyEvidence failed: integrity: FAILED", "VerifyEvidence", "--archive", "{root}/missing.zip")]
    [InlineData("RunP95 failed: --shard '5/3': i is 5; it must be between 1 and 3", "RunP95", "--shard", "5/3")]
    [InlineData("RunP95 failed: Scenario file '{root}/nope.json' does not exist.", "RunP95", "--scenario", "{root}/nope.json")]
    [InlineData("Summarize failed: {root}/none.json: file not found;", "Summarize", "--results", "{root}/none.json")]
    [InlineData("Summarize failed: --thresholds: 'garbage' is not metric=expression;", "Summarize", "--thresholds", "garbage", "--results", "{repo}/tests/fixtures/k6/k6-run-B.ndjson")]
    [InlineData("Summarize failed: --dashboard-p95: 'chat' is not endpoint=milliseconds;", "Summarize", "--dashboard-p95", "chat", "--results", "{repo}/tests/fixtures/k6/k6-run-B.ndjson")]
    [InlineData("VerifyEvidence failed: --statement: {root}/none.json does not exist;", "VerifyEvidence", "--archive", "{root}/missing.zip", "--statement", "{root}/none.json")]
    [InlineData("AuditSecrets failed: --inventory: The secrets inventory '{root}/none.yaml' does not exist.", "AuditSecrets", "--inventory", "{root}/none.yaml")]
    [InlineData("DrillSupabase failed: --pg-bin: '{root}' does not contain executable initdb and pg_ctl.", "DrillSupabase", "--pg-bin", "{root}")]
    [InlineData("ArchiveEvidence failed: No run ledger reports/runs/nosuchrun.jsonl", "ArchiveEvidence", "--skip", "--run-id", "nosuchrun")]
    public void A_value_a_library_refuses_fails_its_target_with_one_line_and_exit_1(string message, params string[] args)
    {
        using var run = new RealBuildRun();
        string Expand(string text) => text.Replace("{root}", run.Root).Replace("{repo}", RepositoryRoot.Path);
        Assert.Equal(1, run.Run([.. args.Select(Expand)]));
        Assert.Contains(Expand(message), run.Console);
        Assert.DoesNotContain("   at ", run.Console);
        Assert.DoesNotContain("Exception", run.Console);
    }

    [Fact]
    public void An_evidence_date_is_converted_by_the_engine()
    {
        using var run = new RealBuildRun();
        Assert.Equal(0, run.Run("--plan", "--evidence-date", "2025-10-14"));
        Assert.Equal(0, run.Run("--plan", "--evidence-date", "20251014"));
    }
}

public sealed class WorkspaceFolderThroughBuildTests
{
    [Fact]
    public void Reports_being_a_file_stops_the_real_build_with_one_line_and_exit_1()
    {
        using var run = new RealBuildRun();
        File.WriteAllText(Path.Combine(run.Root, "reports"), "not a folder");
        Assert.Equal(1, run.Run("Summarize", "--max-delta", "0.2"));
        Assert.Equal("error: reports/ is a file, not a folder: move or delete it; the build writes its logs and evidence there.", run.Console.Trim());
    }
}
