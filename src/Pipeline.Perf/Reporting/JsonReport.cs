using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Writes <c>reports/metrics-p95-YYYYMMDD.json</c>: every figure of the report, for CI and ArchiveEvidence.</summary>
/// <remarks>
/// The report's figures are copied into <see cref="JsonReportDocument"/> and written by the source-generated
/// <see cref="ReportJsonContext"/> (its fast path writes straight to the writer: no reflection, nothing compiled on
/// first use, so a short Summarize run stays short).
/// </remarks>
internal static class JsonReport
{
    public const int SchemaVersion = 1;

    public static string Render(P95Report report) => JsonSerializer.Serialize(Document(report), ReportJsonContext.Default.JsonReportDocument);

    private static JsonReportDocument Document(P95Report report)
    {
        var run = report.Run;
        return new JsonReportDocument(
            SchemaVersion, report.Generated, report.RunId, report.ResultFiles,
            Name(run.Source), run.Source == ResultSource.SummaryExport, [.. run.Files.Select(f => Path.GetFileName(f))],
            report.ShownTargetUrl, report.Engine, report.Versions,
            new JsonReportDocument.TimeWindow(run.FirstSample, run.LastSample, Finite(run.DurationSeconds)),
            new JsonReportDocument.LineCounts(run.Lines, run.SkippedLines, run.SkipReasons),
            "ms", Trend(run.Overall), Trend(run.ExpectedResponseOnly), Status(run.OverallStatus),
            [.. run.Endpoints.Select(e => new JsonReportDocument.EndpointFigures(e.Name, Trend(e.Latency), Status(e.Status), Finite(e.FailedRate)))],
            [.. report.Thresholds.Select(t => new JsonReportDocument.ThresholdVerdict(t.Rule.Key, t.Rule.Expression, Finite(t.Observed), t.Passed, t.Source,
                run.K6Verdicts.TryGetValue(t.Rule.Key + " " + t.Rule.Expression, out var verdict) ? verdict : null))],
            report.Dashboard is { } dashboard
                ? new JsonReportDocument.DashboardFigures(Name(dashboard.Source), dashboard.Description, dashboard.P95Ms,
                    dashboard.Buckets.ToDictionary(b => b.Key, b => new JsonReportDocument.Bucket(b.Value.Lower, Finite(b.Value.Upper)), StringComparer.Ordinal),
                    dashboard.Observations)
                : null,
            new JsonReportDocument.DeltaCheck(report.MaxDelta, report.Deltas.Any(d => d.OverLimit),
                [.. report.Deltas.Select(d => new JsonReportDocument.EndpointDelta(d.Endpoint, Finite(d.ClientP95Ms), Finite(d.DashboardP95Ms), Finite(d.Delta), d.OverLimit))]),
            report.Anomalies,
            new JsonReportDocument.OutputFiles(Path.GetFileName(report.ReportPath),
                report.ChartPath is null ? null : Path.GetFileName(report.ChartPath),
                report.ActionPath is null ? null : Path.GetFileName(report.ActionPath)));
    }

    private static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static JsonReportDocument.Trend? Trend(TrendStatistics? trend) => trend is null ? null
        : new(trend.Count, Finite(trend.Rate), Finite(trend.Avg), Finite(trend.Min), Finite(trend.Med), Finite(trend.P90), Finite(trend.P95), Finite(trend.P99), Finite(trend.Max));

    private static JsonReportDocument.StatusCounts? Status(StatusBreakdown? status) => status is null ? null
        : new(status.Total, status.Success2xx, status.Redirect3xx, status.TooManyRequests429, status.OtherClientErrors4xx, status.ServerErrors5xx,
            status.NetworkErrors, status.ByStatus, status.NetworkErrorCodes);

    private static double? Finite(double? value) => value is { } number && double.IsFinite(number) ? number : null;
}
