using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Writes <c>reports/metrics-p95-YYYYMMDD.json</c>: every figure of the report, for CI and ArchiveEvidence.</summary>
/// <remarks>
/// The layout is spelled out as records serialized by System.Text.Json's source generator: no reflection at run
/// time, which on a short Summarize run cost more than reading a 100 MB results file.
/// </remarks>
public static partial class JsonReport
{
    public const int SchemaVersion = 1;

    public static string Render(P95Report report)
    {
        var run = report.Run;
        var document = new Document(
            SchemaVersion,
            report.Generated,
            Name(run.Source),
            run.Source == ResultSource.SummaryExport,
            run.Files.Select(f => Path.GetFileName(f)).ToArray(),
            TargetUrlMask.Mask(report.TargetUrl),
            report.Engine,
            report.Versions,
            new Window(run.FirstSample, run.LastSample, run.DurationSeconds),
            new Lines(run.Lines, run.SkippedLines, run.SkipReasons),
            "ms",
            run.Overall,
            run.ExpectedResponseOnly,
            Status(run.OverallStatus),
            run.Endpoints.Select(e => new Endpoint(e.Name, e.Latency, Status(e.Status), e.FailedRate)).ToArray(),
            report.Thresholds.Select(t => new Threshold(
                t.Rule.Key, t.Rule.Expression, t.Observed, t.Passed, t.Source,
                run.K6Verdicts.TryGetValue(t.Rule.Key + " " + t.Rule.Expression, out var verdict) ? verdict : null)).ToArray(),
            report.Dashboard is not { } dashboard ? null : new Dashboard(
                Name(dashboard.Source),
                dashboard.Description,
                dashboard.P95Ms,
                dashboard.Buckets.ToDictionary(kv => kv.Key, kv => new Bucket(kv.Value.Lower, Finite(kv.Value.Upper))),
                dashboard.Observations),
            new Delta(report.MaxDelta, report.Deltas.Any(d => d.OverLimit), report.Deltas),
            report.Anomalies,
            new Outputs(
                Path.GetFileName(report.ReportPath),
                report.ChartPath is null ? null : Path.GetFileName(report.ChartPath),
                report.ActionPath is null ? null : Path.GetFileName(report.ActionPath)));
        return JsonSerializer.Serialize(document, ReportJsonContext.Default.Document);
    }

    private static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static StatusCounts? Status(StatusBreakdown? s) => s is null ? null : new StatusCounts(
        s.Total, s.Success2xx, s.Redirect3xx, s.TooManyRequests429, s.OtherClientErrors4xx, s.ServerErrors5xx, s.NetworkErrors,
        s.ByStatus.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
        s.NetworkErrorCodes);

    // The file's layout, in the order the keys are written (schemaVersion 1).
    internal sealed record Document(
        int SchemaVersion, DateTimeOffset Generated, string Source, bool AggregatesOnly, string[] Files, string? TargetUrl,
        string? Engine, string Versions, Window Window, Lines Lines, string Unit, TrendStatistics Overall,
        TrendStatistics? ExpectedResponseOnly, StatusCounts? OverallStatus, Endpoint[] Endpoints, Threshold[] Thresholds,
        Dashboard? Dashboard, Delta Delta, IReadOnlyList<string> Anomalies, Outputs Outputs);

    internal sealed record Window(DateTimeOffset? First, DateTimeOffset? Last, double? DurationSeconds);

    internal sealed record Lines(long Read, long Skipped, IReadOnlyList<string> SkipReasons);

    internal sealed record Endpoint(string Name, TrendStatistics Latency, StatusCounts? Status, double? FailedRate);

    internal sealed record StatusCounts(
        long Total, long Success2xx, long Redirect3xx, long TooManyRequests429, long OtherClientErrors4xx, long ServerErrors5xx,
        long NetworkErrors, Dictionary<string, long> ByStatus, IReadOnlyDictionary<string, long> NetworkErrorCodes);

    internal sealed record Threshold(string Metric, string Expression, double? Observed, bool? Passed, string DeclaredIn, bool? K6Verdict);

    internal sealed record Dashboard(
        string Source, string Description, IReadOnlyDictionary<string, double> P95Ms, Dictionary<string, Bucket> BucketsMs,
        IReadOnlyDictionary<string, double> Observations);

    internal sealed record Bucket(double Lower, double? Upper);

    internal sealed record Delta(double MaxDelta, bool Exceeded, IReadOnlyList<P95Delta> Endpoints);

    internal sealed record Outputs(string Report, string? Chart, string? CorrectiveAction);

    [JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Document))]
    internal sealed partial class ReportJsonContext : JsonSerializerContext;
}
