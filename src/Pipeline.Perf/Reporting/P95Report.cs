using Pipeline.Core.Redaction;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Everything the Markdown, JSON and corrective-action outputs are rendered from.</summary>
internal sealed record P95Report(
    DateTimeOffset Generated,
    string RunId,
    IReadOnlyList<ResultFileEvidence> ResultFiles,
    RunStatistics Run,
    IReadOnlyList<ThresholdResult> Thresholds,
    DashboardReading? Dashboard,
    IReadOnlyList<P95Delta> Deltas,
    double MaxDelta,
    IReadOnlyList<string> Anomalies,
    string? TargetUrl,
    string? Engine,
    string Versions,
    string ReportPath,
    string JsonPath,
    string? ChartPath,
    string? ActionPath)
{
    /// <summary>The target URL as reports show it: its credentials masked, or "not recorded".</summary>
    public string ShownTargetUrl => string.IsNullOrWhiteSpace(TargetUrl) ? "not recorded" : SecretRedactor.Global.Redact(UrlCredentials.Mask(TargetUrl));
}
