using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Reporting;
using Pipeline.Perf.Tests.K6Results;

namespace Pipeline.Perf.Tests.Reporting;

public sealed class P95SummarizerTests : IDisposable
{
    private const string Password = "S3cretPassw0rd-planted";
    private const string ApiKey = "sk-live-planted-0123456789";
    private readonly string _root = Directory.CreateTempSubdirectory("summarize").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 22, 40, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SummarizeSettings Settings(string? dashboard = "chat=150,sync-jobs=60") => new()
    {
        Results = [K6Fixture.Ndjson],
        Dashboard = new DashboardSettings { ManualP95 = dashboard },
        TargetUrl = $"https://qa:{Password}@api.example.test/v1?apikey={ApiKey}",
        Engine = "k6 v0.47.0",
        StepSummaryPath = Path.Combine(_root, "step-summary.md"),
    };

    [Fact]
    public async Task A_threshold_k6_declared_on_a_metric_without_points_is_not_evaluated_not_refused_and_fails_the_run()
    {
        // A latency-only export: k6's declaration of http_req_failed (with its threshold) is kept, its points are not.
        var latencyOnly = Path.Combine(_root, "latency-only.ndjson");
        File.WriteAllLines(latencyOnly, File.ReadLines(K6Fixture.Ndjson)
            .Where(l => !l.Contains("\"type\":\"Point\"", StringComparison.Ordinal) || l.Contains("\"metric\":\"http_req_duration\"", StringComparison.Ordinal)));

        var result = await P95Summarizer.RunAsync(Settings() with { Results = [latencyOnly], Dashboard = new DashboardSettings(), RenderChart = false },
            new RunContext(new EvidenceStore(_root, _clock)));

        var failed = Assert.Single(result.Thresholds, t => t.Rule.Metric == "http_req_failed");
        Assert.Null(failed.Passed);
        Assert.False(result.ThresholdsFailed);
        // Not evaluated is no pass: the run fails with a line naming the threshold and why.
        Assert.Equal($"Threshold http_req_failed rate<0.1 (from k6 results) could not be evaluated: the results have no points for http_req_failed. " +
                     $"See reports/{Path.GetFileName(result.ReportPath)}.", result.Outcome.Failure);
        Assert.EndsWith("; 1 threshold(s) not evaluated", result.Headline);
        Assert.DoesNotContain("thresholds passed", result.Headline);
    }

    [Fact]
    public async Task A_threshold_on_an_endpoint_the_results_do_not_have_fails_the_run_and_lists_the_endpoints_they_have()
    {
        var result = await P95Summarizer.RunAsync(Settings() with { Thresholds = ["http_req_duration{name:nope}=p(95)<1"], Dashboard = new DashboardSettings(), RenderChart = false },
            new RunContext(new EvidenceStore(_root, _clock)));

        Assert.False(result.ThresholdsFailed); // nothing crossed...
        Assert.Equal("Threshold http_req_duration{name:nope} p(95)<1 (from parameters) could not be evaluated: the results have no points for " +
                     $"http_req_duration{{name:nope}}; the results have name:chat, name:sync-jobs, name:unreachable. See reports/{Path.GetFileName(result.ReportPath)}.",
            result.Outcome.Failure); // ...and still no pass
        Assert.EndsWith("; 1 threshold(s) not evaluated", result.Headline);
        Assert.Contains("⚠️ not evaluable", File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public async Task Writes_report_json_chart_and_action_file_when_the_delta_is_over_the_limit()
    {
        var evidence = new EvidenceStore(_root, _clock);
        var result = await P95Summarizer.RunAsync(Settings(), new RunContext(evidence));

        Assert.Equal(Path.Combine(_root, "reports", "metrics-p95-20261125.md"), result.ReportPath);
        Assert.Equal(Path.Combine(_root, "docs", "screenshots", "p95-dashboard-20261125.png"), result.ChartPath);
        Assert.Equal(Path.Combine(_root, "reports", "p95-delta-action-20261125.md"), result.ActionPath);
        Assert.True(result.DeltaExceeded); // sync-jobs: script 83.7 ms vs 60
        Assert.False(result.Outcome.IsFailed); // over the limit, but the delta only fails the run when asked to
        Assert.Equal([result.ReportPath, result.JsonPath, result.ChartPath!, result.ActionPath!], result.EvidenceFiles);
        var markdown = File.ReadAllText(result.ReportPath);
        Assert.Contains("| chat | 200 |", markdown);
        Assert.Contains("160.3", markdown);                            // chat P95, as k6 reports it
        Assert.Contains("(p95-delta-action-20261125.md)", markdown);    // linked
        Assert.Contains("../docs/screenshots/p95-dashboard-20261125.png", markdown);
        Assert.Contains("k6 v0.47.0", markdown);
        Assert.Contains("code 1212: 3", markdown);
        Assert.Contains(@"| http\_req\_failed | rate&lt;0.1 |", markdown); // escaped: rule keys may carry input tag values
        var action = File.ReadAllText(result.ActionPath!);
        Assert.Contains("sync-jobs", action);
        Assert.Contains("Client-side queueing", action);
        Assert.Contains("Fixed per-request overhead", action); // sync-jobs: 23.7 ms gap

        using var json = JsonDocument.Parse(File.ReadAllText(result.JsonPath));
        var chat = json.RootElement.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "chat");
        Assert.Equal(160.25085839999994, chat.GetProperty("latency").GetProperty("p95").GetDouble());
        Assert.True(json.RootElement.GetProperty("delta").GetProperty("exceeded").GetBoolean());

        var png = File.ReadAllBytes(result.ChartPath!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("| sync-jobs |", File.ReadAllText(Settings().StepSummaryPath!));
    }

    [Fact]
    public async Task No_action_file_within_the_limit_and_a_second_run_never_overwrites()
    {
        var evidence = new EvidenceStore(_root, _clock);
        var first = await P95Summarizer.RunAsync(Settings("chat=155,sync-jobs=80"), new RunContext(evidence));
        Assert.Null(first.ActionPath);
        Assert.False(first.DeltaExceeded);
        Assert.False(File.Exists(Path.Combine(_root, "reports", "p95-delta-action-20261125.md")));

        var second = await P95Summarizer.RunAsync(Settings("chat=155,sync-jobs=80"), new RunContext(evidence));
        Assert.NotEqual(first.ReportPath, second.ReportPath);
        Assert.EndsWith("-224000.md", second.ReportPath);
        Assert.EndsWith("-224000.png", second.ChartPath);
    }

    [Fact]
    public async Task Planted_credentials_in_the_target_url_appear_in_no_output()
    {
        var evidence = new EvidenceStore(_root, _clock);
        await P95Summarizer.RunAsync(Settings(), new RunContext(evidence));
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".png")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(ApiKey, text);
        }
        Assert.Contains(@"qa:\*\*\*@api.example.test", File.ReadAllText(Path.Combine(_root, "reports", "metrics-p95-20261125.md")));
    }

    [Fact]
    public async Task Without_a_dashboard_source_runp95s_snapshots_of_the_same_run_are_used()
    {
        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        const string metric = DashboardSettings.DefaultHistogramMetric;
        File.WriteAllText(Path.Combine(reports, "p95-server-metrics-20261125-before.prom"), $"""
            {metric}_bucket{"{"}endpoint="chat",le="0.1"{"}"} 0
            {metric}_bucket{"{"}endpoint="chat",le="0.2"{"}"} 0
            {metric}_bucket{"{"}endpoint="chat",le="+Inf"{"}"} 0
            """);
        File.WriteAllText(Path.Combine(reports, "p95-server-metrics-20261125-after.prom"), $"""
            {metric}_bucket{"{"}endpoint="chat",le="0.1"{"}"} 100
            {metric}_bucket{"{"}endpoint="chat",le="0.2"{"}"} 200
            {metric}_bucket{"{"}endpoint="chat",le="+Inf"{"}"} 200
            """);
        var results = Path.Combine(reports, "p95_k6_20261125.json");
        File.Copy(K6Fixture.Ndjson, results);
        var settings = Settings() with { Results = [results], Dashboard = new DashboardSettings() };

        var result = await P95Summarizer.RunAsync(settings, new RunContext(new EvidenceStore(_root, _clock)));

        Assert.Equal(DashboardSource.Snapshots, result.Dashboard!.Source);
        Assert.Equal(190, result.Dashboard.P95Ms["chat"], 9); // 0.1 + 0.1 * (190 - 100) / 100 s
        Assert.Contains(result.Anomalies, a => a.Contains("sync-jobs: no dashboard figure"));
        Assert.Contains("bucket", File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public void Finds_runp95s_newest_ndjson_not_its_summary_export_and_the_snapshots_of_the_same_stamp()
    {
        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        string Touch(string name, int minutesAgo)
        {
            var path = Path.Combine(reports, name);
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-minutesAgo));
            return path;
        }
        Touch("p95_k6_20261125.json", 30);
        var ndjson = Touch("p95_k6_20261125-231500.json", 10);
        Touch("p95_k6_20261125-231500.summary.json", 9);
        var before = Touch("p95-server-metrics-20261125-231500-before.prom", 12);
        var after = Touch("p95-server-metrics-20261125-231500-after.prom", 10);
        Touch("p95-server-metrics-20261125-before.prom", 40);
        Touch("p95-server-metrics-20261125-after.prom", 1); // newer, but of another run

        Assert.Equal(ndjson, P95Summarizer.FindLatestResults(_root));
        Assert.Equal((before, after), P95Summarizer.FindSnapshots(_root, [ndjson]));
        Assert.Equal(Path.Combine(reports, "p95-server-metrics-20261125-after.prom"), P95Summarizer.FindSnapshots(_root)!.Value.After);
        // Results of another run (any other name): no snapshots rather than another run's.
        Assert.Null(P95Summarizer.FindSnapshots(_root, [K6Fixture.Ndjson]));
        // A failed RunP95 must not leave older results to be summarised.
        Assert.Null(P95Summarizer.FindLatestResults(_root, notBefore: DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Theory]
    [InlineData("{\"engine\":\"pipeline-builtin\",\"metrics\":{}}", "pipeline-builtin (from p95_k6_20261125.summary.json)")]
    [InlineData("{\"metrics\":{}}", "k6 (from p95_k6_20261125.summary.json: no engine key, as k6 writes it)")]
    public void The_engine_comes_from_runp95s_summary_beside_the_ndjson(string summary, string expected)
    {
        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        var ndjson = Path.Combine(reports, "p95_k6_20261125.json");
        File.WriteAllText(ndjson, "");
        File.WriteAllText(Path.Combine(reports, "p95_k6_20261125.summary.json"), summary);
        Assert.Equal(expected, P95Summarizer.EngineFromSummary([ndjson]));
        // The real k6 run: its summary export (k6-run-B.summary.json) has no engine key.
        Assert.StartsWith("k6 (from k6-run-B.summary.json", P95Summarizer.EngineFromSummary([K6Fixture.Ndjson]));
    }

    [Fact]
    public async Task Summary_export_report_says_aggregates_only()
    {
        var settings = Settings() with { Results = [K6Fixture.SummaryExport] };
        var result = await P95Summarizer.RunAsync(settings, new RunContext(new EvidenceStore(_root, _clock)));
        var markdown = File.ReadAllText(result.ReportPath);
        Assert.Contains("aggregates only", markdown);
        Assert.True(File.Exists(result.ChartPath));
    }

    [Fact]
    public async Task The_json_names_the_run_and_every_results_file_with_its_digest_and_run_id()
    {
        var results = Path.Combine(_root, "tagged.ndjson");
        File.WriteAllText(results, string.Concat(
            "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\"},\"metric\":\"http_req_duration\"}\n",
            string.Concat(Enumerable.Range(0, 120).Select(i =>
                $"{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"2026-11-25T22:00:{i % 60:00}.000Z\",\"value\":{100 + i},\"tags\":{{\"name\":\"chat\",\"run_id\":\"run-42\",\"status\":\"200\"}}}}}}\n"))));
        var evidence = new EvidenceStore(_root, _clock);
        var result = await P95Summarizer.RunAsync(Settings("chat=150") with { Results = [results, K6Fixture.Ndjson] }, new RunContext(evidence));

        using var json = JsonDocument.Parse(File.ReadAllText(result.JsonPath));
        Assert.Equal(evidence.RunId, json.RootElement.GetProperty("run_id").GetString());
        var files = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal("tagged.ndjson", files[0].GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(results))), files[0].GetProperty("sha256").GetString());
        Assert.Equal("run-42", files[0].GetProperty("run_id").GetString());
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("run_id").ValueKind); // k6 v0.47 wrote no run_id tag
        Assert.Contains($"(run {evidence.RunId})", File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public async Task The_step_summary_escapes_hostile_endpoint_names()
    {
        const string hostile = "x|y <script>alert(1)</script> [click](http://evil.example) \u202Eevil";
        var results = Path.Combine(_root, "hostile.ndjson");
        var tag = JsonEncodedText.Encode(hostile).ToString();
        File.WriteAllText(results, string.Concat(
            "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\"},\"metric\":\"http_req_duration\"}\n",
            string.Concat(Enumerable.Range(0, 120).Select(i =>
                $"{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"2026-11-25T22:00:{i % 60:00}.000Z\",\"value\":{100 + i},\"tags\":{{\"name\":\"{tag}\",\"status\":\"200\"}}}}}}\n"))));
        var settings = Settings(dashboard: null) with { Results = [results] };
        await P95Summarizer.RunAsync(settings, new RunContext(new EvidenceStore(_root, _clock)));

        var summary = File.ReadAllText(settings.StepSummaryPath!);
        Assert.DoesNotContain("<script>", summary);
        Assert.DoesNotContain("\u202E", summary);
        var row = summary.Split('\n').Single(l => l.StartsWith("| x"));
        Assert.Equal(11, System.Text.RegularExpressions.Regex.Matches(row, @"(?<!\\)\|").Count); // 10 cells
    }

    [Fact]
    public async Task The_outcome_fails_on_a_crossed_threshold_and_with_fail_on_delta_on_a_delta_over_the_limit_or_not_evaluated()
    {
        var context = new RunContext(new EvidenceStore(_root, _clock));
        var quick = Settings() with { RenderChart = false, StepSummaryPath = null };

        var crossed = await P95Summarizer.RunAsync(quick with { Thresholds = ["http_req_duration{name:chat}=p(95)<100"] }, context);
        Assert.Equal($"Thresholds crossed; see reports/{Path.GetFileName(crossed.ReportPath)}", crossed.Outcome.Failure);

        var over = await P95Summarizer.RunAsync(quick with { FailOnDelta = true }, context);
        Assert.Equal($"Script and dashboard P95 differ by more than {0.10:P0}; corrective action: reports/{Path.GetFileName(over.ActionPath)}", over.Outcome.Failure);

        var within = await P95Summarizer.RunAsync(quick with { FailOnDelta = true, Dashboard = new DashboardSettings { ManualP95 = "chat=155,sync-jobs=80" } }, context);
        Assert.False(within.Outcome.IsFailed, within.Outcome.Failure);

        // A check that could not check fails: no dashboard figure, nothing compared.
        var unchecked_ = await P95Summarizer.RunAsync(quick with { FailOnDelta = true, Dashboard = new DashboardSettings(), DiscoverSnapshots = false }, context);
        Assert.StartsWith("--fail-on-delta: the dashboard delta was not evaluated", unchecked_.Outcome.Failure);
    }

    [Fact]
    public async Task Without_results_the_newest_of_this_run_is_summarised_and_none_is_an_error()
    {
        var context = new RunContext(new EvidenceStore(_root, _clock));
        var error = await Assert.ThrowsAsync<UserInputException>(() => P95Summarizer.RunAsync(Settings() with { Results = null }, context));
        Assert.Equal("no k6 results were written to reports/ since this build started (2026-11-25 22:40:00 UTC): " +
                     "the load run did not run or failed. Give the k6 results files to summarise.", error.Message);
        Assert.DoesNotContain("RunP95", error.Message); // the library names no target: it may not have run at all
        Assert.Equal(nameof(SummarizeSettings.Results), error.Input);

        var empty = await Assert.ThrowsAsync<UserInputException>(() => P95Summarizer.RunAsync(Settings() with { Results = [] }, context));
        Assert.StartsWith("no file is given", empty.Message);
        Assert.Equal(nameof(SummarizeSettings.Results), empty.Input);

        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        var written = Path.Combine(reports, "p95_k6_20261125.json");
        File.Copy(K6Fixture.Ndjson, written);
        File.SetLastWriteTimeUtc(written, DateTime.UtcNow); // a copy keeps the fixture's date: written by this run
        var fresh = new RunContext(new EvidenceStore(_root, new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1))));
        var result = await P95Summarizer.RunAsync(Settings() with { Results = null, RenderChart = false }, fresh);
        Assert.Equal(200, result.Run.Endpoints.Single(e => e.Name == "chat").Latency.Count);
    }

    [Theory]
    [InlineData("chat=fast", "is not endpoint=milliseconds")]
    [InlineData("", "no figure is given")]
    public async Task Dashboard_figures_that_cannot_be_read_are_the_user_s_input_in_one_line(string typed, string expected)
    {
        var error = await Assert.ThrowsAsync<DashboardInputException>(() =>
            P95Summarizer.RunAsync(Settings(typed) with { RenderChart = false }, new RunContext(new EvidenceStore(_root, _clock))));
        Assert.Contains(expected, error.Message);
        Assert.Equal(nameof(DashboardSettings.ManualP95), error.Input);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public async Task A_missing_snapshot_is_the_user_s_input()
    {
        var settings = Settings() with
        {
            RenderChart = false,
            Dashboard = new DashboardSettings { SnapshotBefore = Path.Combine(_root, "nope-before.prom"), SnapshotAfter = Path.Combine(_root, "nope-after.prom") },
        };
        var error = await Assert.ThrowsAsync<DashboardInputException>(() => P95Summarizer.RunAsync(settings, new RunContext(new EvidenceStore(_root, _clock))));
        Assert.Contains("nope-before.prom not found", error.Message);
    }

    [Fact]
    public async Task A_bad_typed_threshold_is_refused_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            P95Summarizer.RunAsync(Settings() with { Thresholds = ["p(95)<1000"] }, new RunContext(new EvidenceStore(_root, _clock))));
        Assert.Contains("is not metric=expression", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "reports")));
    }
}
