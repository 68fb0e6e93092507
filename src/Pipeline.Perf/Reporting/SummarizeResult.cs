using Pipeline.Core.Runs;
using Pipeline.Core.Text;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>What Summarize found and wrote.</summary>
public sealed record SummarizeResult(
    RunStatistics Run,
    IReadOnlyList<ThresholdResult> Thresholds,
    DashboardReading? Dashboard,
    IReadOnlyList<P95Delta> Deltas,
    IReadOnlyList<string> Anomalies,
    string ReportPath,
    string JsonPath,
    string? ChartPath,
    string? ActionPath) : IRunResult
{
    /// <summary>
    /// Failed when a threshold is crossed or could not be evaluated, when the shards do not cover one whole run, and (with
    /// <see cref="SummarizeSettings.FailOnDelta"/>) when the dashboard delta is over the limit or could not be evaluated.
    /// </summary>
    public RunOutcome Outcome => RunOutcome.FailedIf(
        ThresholdsFailed ? $"Thresholds crossed; see {ShownReportPath ?? ReportPath}"
        : ThresholdsNotEvaluated.Count > 0 ? string.Join(" ", ThresholdsNotEvaluated.Select(t => t.NotEvaluatedLine)) + $" See {ShownReportPath ?? ReportPath}."
        : ShardGaps.Count > 0 ? $"{ShardGaps[0]} Summarise every shard's NDJSON of the run together (report: {ShownReportPath ?? ReportPath})."
        : FailOnDelta && !DeltaEvaluated ? "--fail-on-delta: the dashboard delta was not evaluated (no endpoint has both a script and a dashboard P95); " +
                                           "give the dashboard figures with --dashboard-p95, --prometheus-url or RunP95's snapshots."
        : FailOnDelta && DeltaExceeded ? $"Script and dashboard P95 differ by more than {MaxDelta:P0}; corrective action: {ShownActionPath ?? ActionPath}"
        : null);

    public IReadOnlyList<string> EvidenceFiles => new[] { ReportPath, JsonPath, ChartPath, ActionPath }.OfType<string>().ToArray();

    internal bool DeltaExceeded => Deltas.Any(d => d.OverLimit);

    /// <summary>True when at least one endpoint had both a script and a dashboard P95 to compare.</summary>
    internal bool DeltaEvaluated => Deltas.Any(d => d.Delta is not null);
    internal bool ThresholdsFailed => Thresholds.Any(t => t.Passed == false);

    /// <summary>Thresholds the results could not check: they fail the run as a crossed one does.</summary>
    internal IReadOnlyList<ThresholdResult> ThresholdsNotEvaluated => Thresholds.Where(t => t.Passed is null).ToList();

    /// <summary>What the shard check found missing, empty or doubled: the figures then do not cover one whole run.</summary>
    internal IReadOnlyList<string> ShardGaps { get; init; } = [];

    internal double MaxDelta { get; init; } = SummarizeSettings.DefaultMaxDelta;
    internal bool FailOnDelta { get; init; }

    /// <summary>The report and the corrective action as the failure line names them: relative to the evidence root.</summary>
    internal string? ShownReportPath { get; init; }
    internal string? ShownActionPath { get; init; }

    /// <summary>One line for the build summary: "P95 chat 160 ms, sync-jobs 120 ms; delta max 4.1 %".</summary>
    public string Headline
    {
        get
        {
            var p95 = string.Join(", ", Run.Endpoints.Where(e => e.Latency.P95 is not null && e.Status?.NetworkErrors != e.Latency.Count).Select(e => $"{UntrustedText.Printable(e.Name)} {e.Latency.P95:F0} ms"));
            var delta = Deltas.Where(d => d.Delta is not null).Select(d => d.Delta!.Value).DefaultIfEmpty().Max();
            var deltaText = Dashboard is null ? "no dashboard figure"
                : !DeltaEvaluated ? "delta not evaluated (no endpoint has both a script and a dashboard P95)"
                : $"delta max {delta:P1}{(DeltaExceeded ? " (over limit)" : "")}";
            if (p95.Length == 0)
                p95 = Run.Overall.P95 is { } overall
                    ? $"all endpoints {overall:F0} ms (no per-endpoint P95 in {(Run.Source == ResultSource.SummaryExport ? "a k6 summary export: pass the NDJSON for one" : "the results")})"
                    : $"not available ({(Run.Source == ResultSource.SummaryExport ? "the k6 summary export keeps no p(95): add it to summaryTrendStats or pass the NDJSON" : "no successful request")})";
            var failed = Thresholds.Count(t => t.Passed == false);
            var notEvaluated = Thresholds.Count(t => t.Passed is null);
            var thresholds = failed == 0 && notEvaluated == 0 ? "thresholds passed"
                : string.Join(", ", new[] { failed == 0 ? null : $"{failed} threshold(s) crossed", notEvaluated == 0 ? null : $"{notEvaluated} threshold(s) not evaluated" }.OfType<string>());
            return $"P95 {p95}; {deltaText}; {thresholds}";
        }
    }
}
