using System.Text.Json.Serialization;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// The shape of <c>reports/metrics-p95-YYYYMMDD.json</c> (schemaVersion 1), serialized by <see cref="ReportJsonContext"/>:
/// the order of the properties is the order of the keys in the file, their names are the camelCase keys, and a
/// figure that is missing (or not finite: JSON has no NaN or infinity) is written as null.
/// </summary>
internal sealed record JsonReportDocument(
    int SchemaVersion,
    DateTimeOffset Generated,
    [property: JsonPropertyName("run_id")] string RunId,
    IReadOnlyList<ResultFileEvidence> Results,
    string Source,
    bool AggregatesOnly,
    IReadOnlyList<string> Files,
    string TargetUrl,
    string? Engine,
    string Versions,
    JsonReportDocument.TimeWindow Window,
    JsonReportDocument.LineCounts Lines,
    string Unit,
    JsonReportDocument.Trend? Overall,
    JsonReportDocument.Trend? ExpectedResponseOnly,
    JsonReportDocument.StatusCounts? OverallStatus,
    IReadOnlyList<JsonReportDocument.EndpointFigures> Endpoints,
    IReadOnlyList<JsonReportDocument.ThresholdVerdict> Thresholds,
    JsonReportDocument.DashboardFigures? Dashboard,
    JsonReportDocument.DeltaCheck Delta,
    IReadOnlyList<string> Anomalies,
    JsonReportDocument.OutputFiles Outputs)
{
    internal sealed record TimeWindow(DateTimeOffset? First, DateTimeOffset? Last, double? DurationSeconds);

    internal sealed record LineCounts(long Read, long Skipped, IReadOnlyList<string> SkipReasons);

    internal sealed record Trend(long? Count, double? Rate, double? Avg, double? Min, double? Med, double? P90, double? P95, double? P99, double? Max);

    internal sealed record StatusCounts(
        long Total, long Success2xx, long Redirect3xx, long TooManyRequests429, long OtherClientErrors4xx, long ServerErrors5xx, long NetworkErrors,
        IReadOnlyDictionary<int, long> ByStatus, IReadOnlyDictionary<string, long> NetworkErrorCodes);

    internal sealed record EndpointFigures(string Name, Trend? Latency, StatusCounts? Status, double? FailedRate);

    internal sealed record ThresholdVerdict(string Metric, string Expression, double? Observed, bool? Passed, string DeclaredIn, bool? K6Verdict);

    internal sealed record DashboardFigures(
        string Source, string Description, IReadOnlyDictionary<string, double> P95Ms, IReadOnlyDictionary<string, Bucket> BucketsMs,
        IReadOnlyDictionary<string, double> Observations);

    internal sealed record Bucket(double Lower, double? Upper);

    internal sealed record DeltaCheck(double MaxDelta, bool Exceeded, IReadOnlyList<EndpointDelta> Endpoints);

    internal sealed record EndpointDelta(string Endpoint, double? ClientP95Ms, double? DashboardP95Ms, double? Delta, bool OverLimit);

    internal sealed record OutputFiles(string Report, string? Chart, string? CorrectiveAction);
}
