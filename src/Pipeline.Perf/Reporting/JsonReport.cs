using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Writes <c>reports/metrics-p95-YYYYMMDD.json</c>: every figure of the report, for CI and ArchiveEvidence.</summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(P95Report report)
    {
        var run = report.Run;
        var document = new
        {
            schemaVersion = SchemaVersion,
            generated = report.Generated,
            source = run.Source,
            aggregatesOnly = run.Source == ResultSource.SummaryExport,
            files = run.Files.Select(Path.GetFileName),
            targetUrl = TargetUrlMask.Mask(report.TargetUrl),
            engine = report.Engine,
            versions = report.Versions,
            window = new { first = run.FirstSample, last = run.LastSample, durationSeconds = run.DurationSeconds },
            lines = new { read = run.Lines, skipped = run.SkippedLines, skipReasons = run.SkipReasons },
            unit = "ms",
            overall = run.Overall,
            expectedResponseOnly = run.ExpectedResponseOnly,
            overallStatus = Status(run.OverallStatus),
            endpoints = run.Endpoints.Select(e => new { e.Name, latency = e.Latency, status = Status(e.Status), e.FailedRate }),
            thresholds = report.Thresholds.Select(t => new
            {
                metric = t.Rule.Key,
                expression = t.Rule.Expression,
                observed = t.Observed,
                passed = t.Passed,
                declaredIn = t.Source,
                k6Verdict = run.K6Verdicts.TryGetValue(t.Rule.Key + " " + t.Rule.Expression, out var v) ? v : (bool?)null,
            }),
            dashboard = report.Dashboard is null ? null : new
            {
                source = report.Dashboard.Source,
                description = report.Dashboard.Description,
                p95Ms = report.Dashboard.P95Ms,
                bucketsMs = report.Dashboard.Buckets.ToDictionary(kv => kv.Key, kv => new { lower = kv.Value.Lower, upper = Finite(kv.Value.Upper) }),
                observations = report.Dashboard.Observations,
            },
            delta = new
            {
                maxDelta = report.MaxDelta,
                exceeded = report.Deltas.Any(d => d.OverLimit),
                endpoints = report.Deltas,
            },
            anomalies = report.Anomalies,
            outputs = new
            {
                report = Path.GetFileName(report.ReportPath),
                chart = report.ChartPath is null ? null : Path.GetFileName(report.ChartPath),
                correctiveAction = report.ActionPath is null ? null : Path.GetFileName(report.ActionPath),
            },
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static object? Status(StatusBreakdown? s) => s is null ? null : new
    {
        s.Total,
        s.Success2xx,
        s.Redirect3xx,
        s.TooManyRequests429,
        s.OtherClientErrors4xx,
        s.ServerErrors5xx,
        s.NetworkErrors,
        byStatus = s.ByStatus.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
        s.NetworkErrorCodes,
    };
}
