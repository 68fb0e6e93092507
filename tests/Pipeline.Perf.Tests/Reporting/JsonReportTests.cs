using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Reporting;
using Pipeline.Perf.Tests.K6Results;

namespace Pipeline.Perf.Tests.Reporting;

/// <summary>
/// The JSON report is read by CI and ArchiveEvidence: its layout (schemaVersion 1) is compared byte for byte with
/// reports written by the hand-written writer it replaced (tests/fixtures/reports), keys, order, numbers and nulls.
/// </summary>
public sealed partial class JsonReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("json-report").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 22, 40, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_run_with_snapshots_a_crossed_threshold_and_a_delta_over_the_limit_keeps_its_layout()
    {
        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        var results = Path.Combine(reports, "p95_k6_20261125.json");
        File.Copy(K6Fixture.Ndjson, results);
        File.WriteAllText(Path.Combine(reports, "p95-server-metrics-20261125-before.prom"),
            Buckets(("chat", "0.1", 0), ("chat", "+Inf", 0), ("sync-jobs", "0.05", 10), ("sync-jobs", "0.1", 10), ("sync-jobs", "+Inf", 10)));
        File.WriteAllText(Path.Combine(reports, "p95-server-metrics-20261125-after.prom"),
            Buckets(("chat", "0.1", 10), ("chat", "+Inf", 200), ("sync-jobs", "0.05", 60), ("sync-jobs", "0.1", 110), ("sync-jobs", "+Inf", 110)));

        var json = await RenderAsync(new SummarizeSettings
        {
            Results = [results], Thresholds = ["http_req_duration{name:chat}=p(95)<100"], RenderChart = false,
            TargetUrl = "https://qa:planted-password@api.example.test/v1",   // test value, pipeline:allow-secret
        });

        AssertSameAsFixture("metrics-p95-snapshots.json", json);
    }

    [Fact]
    public async Task A_summary_export_without_a_dashboard_keeps_its_layout()
    {
        var export = Path.Combine(_root, "run.summary.json");
        File.Copy(K6Fixture.SummaryExport, export);

        var json = await RenderAsync(new SummarizeSettings { Results = [export], Engine = "k6 v0.47.0", RenderChart = true });

        AssertSameAsFixture("metrics-p95-summary-export.json", json);
    }

    private async Task<string> RenderAsync(SummarizeSettings settings)
    {
        var evidence = new EvidenceStore(_root, _clock);
        evidence.UseRunId("json-report-run");
        var result = await P95Summarizer.RunAsync(settings, new RunContext(evidence));
        // The versions line names the runtime and ScottPlot this test runs with: the one line that is not the layout's.
        return Versions().Replace(File.ReadAllText(result.JsonPath), "\"versions\": \"(runtime versions)\"");
    }

    /// <summary>A /metrics exposition of the reference API's histogram: cumulative count per endpoint and bucket.</summary>
    private static string Buckets(params (string Endpoint, string Le, int Count)[] buckets) => string.Concat(buckets.Select(b =>
        $"{DashboardSettings.DefaultHistogramMetric}_bucket{{endpoint=\"{b.Endpoint}\",le=\"{b.Le}\"}} {b.Count}\n"));

    private static void AssertSameAsFixture(string name, string json) =>
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "reports", name)), json);

    [GeneratedRegex("\"versions\": \"[^\"]*\"")]
    private static partial Regex Versions();
}
