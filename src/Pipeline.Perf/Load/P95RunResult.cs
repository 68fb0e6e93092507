using System.Globalization;
using Pipeline.Core.Runs;
using Pipeline.Perf.Scenario;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Load;

/// <summary>What RunP95 produced: which engine ran, the k6 summary, the evidence files and the verdict.</summary>
public sealed record P95RunResult(
    string Engine,
    Uri BaseUrl,
    LoadScenario Scenario,
    K6SummaryExport Summary,
    string NdjsonPath,
    string SummaryPath,
    string? MetricsBeforePath,
    string? MetricsAfterPath) : IRunResult
{
    /// <summary>
    /// Failed when the run crossed a threshold (k6 exited with 99, or the built-in engine's summary marks one) or could
    /// not evaluate one (the summary gives it no verdict).
    /// </summary>
    public RunOutcome Outcome => RunOutcome.FailedIf(ThresholdsCrossed
        ? $"{FailedThresholdsWord}: {CrossedThresholdsText}. The evidence is in {ShownNdjsonPath ?? NdjsonPath}."
        : null);

    public IReadOnlyList<string> EvidenceFiles =>
        [NdjsonPath, SummaryPath, .. new[] { MetricsBeforePath, MetricsAfterPath }.OfType<string>()];

    internal bool ThresholdsCrossed { get; init; }

    /// <summary>The NDJSON as the failure line names it: relative to the evidence root.</summary>
    internal string? ShownNdjsonPath { get; init; }

    /// <summary>The part of the run this was (<c>--shard i/N</c>); its figures are that shard's only.</summary>
    public ExecutionShard Shard { get; init; } = ExecutionShard.Whole;

    public long Requests => (long)(Summary.Value("http_reqs", "count") ?? 0);

    public long Failed => (long)(Summary.Value("http_req_failed", "passes") ?? 0);

    public long Dropped => (long)(Summary.Value("dropped_iterations", "count") ?? 0);

    public double? P95(string endpoint) => Summary.Value($"http_req_duration{{name:{endpoint}}}", "p(95)");

    internal IReadOnlyList<ThresholdResult> CrossedThresholds => Summary.Thresholds().Where(t => t.Passed != true).ToList();

    /// <summary>"Thresholds not evaluated" when no threshold was crossed but some had no verdict, else "Thresholds crossed".</summary>
    private string FailedThresholdsWord => CrossedThresholds.Count > 0 && CrossedThresholds.All(t => t.Passed is null)
        ? "Thresholds not evaluated" : "Thresholds crossed";

    /// <summary>The crossed (or not evaluated) thresholds in one line, for the failure line.</summary>
    internal string CrossedThresholdsText => CrossedThresholds.Count > 0
        ? string.Join("; ", CrossedThresholds.Select(K6SummaryExport.Describe))
        : "k6 exited with 99 (thresholds crossed) but its summary export marks none; see the k6 output in the log";

    /// <summary>The one-line headline, e.g. "P95 chat 412 ms, 300 requests".</summary>
    public string Headline
    {
        get
        {
            var first = Scenario.Endpoints[0].Name;
            var p95 = P95(first) is { } value ? value.ToString("0", CultureInfo.InvariantCulture) + " ms" : "n/a";
            return $"P95 {first} {p95}, {Requests} requests" +
                   (Shard.IsWhole ? string.Empty : $" (shard {Shard} of the run)") +
                   (Failed > 0 ? $", {Failed} failed" : string.Empty) +
                   (ThresholdsCrossed ? $", {FailedThresholdsWord.ToLowerInvariant()}" : string.Empty);
        }
    }
}
