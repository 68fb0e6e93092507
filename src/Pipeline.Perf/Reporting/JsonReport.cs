using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Writes <c>reports/metrics-p95-YYYYMMDD.json</c>: every figure of the report, for CI and ArchiveEvidence.</summary>
/// <remarks>
/// Written key by key with <see cref="Utf8JsonWriter"/>: the serializer (reflection or source-generated) has to
/// compile hundreds of generic methods on first use, which on a short Summarize run cost more than reading a
/// 100 MB results file. The layout (schemaVersion 1) is the one the serializer wrote: camelCase keys in this order.
/// </remarks>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    public static string Render(P95Report report)
    {
        var run = report.Run;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("generated", report.Generated);
            json.WriteString("run_id", report.RunId);
            json.WritePropertyName("results");
            JsonSerializer.Serialize(json, report.ResultFiles, ReportJsonContext.Default.IReadOnlyListResultFileEvidence);
            json.WriteString("source", Name(run.Source));
            json.WriteBoolean("aggregatesOnly", run.Source == ResultSource.SummaryExport);
            StringArray(json, "files", run.Files.Select(f => Path.GetFileName(f)));
            json.WriteString("targetUrl", report.ShownTargetUrl);
            json.WriteString("engine", report.Engine);
            json.WriteString("versions", report.Versions);

            json.WriteStartObject("window");
            Time(json, "first", run.FirstSample);
            Time(json, "last", run.LastSample);
            Number(json, "durationSeconds", run.DurationSeconds);
            json.WriteEndObject();

            json.WriteStartObject("lines");
            json.WriteNumber("read", run.Lines);
            json.WriteNumber("skipped", run.SkippedLines);
            StringArray(json, "skipReasons", run.SkipReasons);
            json.WriteEndObject();

            json.WriteString("unit", "ms");
            Trend(json, "overall", run.Overall);
            Trend(json, "expectedResponseOnly", run.ExpectedResponseOnly);
            Status(json, "overallStatus", run.OverallStatus);

            json.WriteStartArray("endpoints");
            foreach (var endpoint in run.Endpoints)
            {
                json.WriteStartObject();
                json.WriteString("name", endpoint.Name);
                Trend(json, "latency", endpoint.Latency);
                Status(json, "status", endpoint.Status);
                Number(json, "failedRate", endpoint.FailedRate);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("thresholds");
            foreach (var threshold in report.Thresholds)
            {
                json.WriteStartObject();
                json.WriteString("metric", threshold.Rule.Key);
                json.WriteString("expression", threshold.Rule.Expression);
                Number(json, "observed", threshold.Observed);
                Boolean(json, "passed", threshold.Passed);
                json.WriteString("declaredIn", threshold.Source);
                Boolean(json, "k6Verdict", run.K6Verdicts.TryGetValue(threshold.Rule.Key + " " + threshold.Rule.Expression, out var verdict) ? verdict : null);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            if (report.Dashboard is { } dashboard)
            {
                json.WriteStartObject("dashboard");
                json.WriteString("source", Name(dashboard.Source));
                json.WriteString("description", dashboard.Description);
                NumberMap(json, "p95Ms", dashboard.P95Ms);
                json.WriteStartObject("bucketsMs");
                foreach (var (endpoint, (lower, upper)) in dashboard.Buckets)
                {
                    json.WriteStartObject(endpoint);
                    json.WriteNumber("lower", lower);
                    Number(json, "upper", double.IsFinite(upper) ? upper : null);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                NumberMap(json, "observations", dashboard.Observations);
                json.WriteEndObject();
            }
            else json.WriteNull("dashboard");

            json.WriteStartObject("delta");
            json.WriteNumber("maxDelta", report.MaxDelta);
            json.WriteBoolean("exceeded", report.Deltas.Any(d => d.OverLimit));
            json.WriteStartArray("endpoints");
            foreach (var delta in report.Deltas)
            {
                json.WriteStartObject();
                json.WriteString("endpoint", delta.Endpoint);
                Number(json, "clientP95Ms", delta.ClientP95Ms);
                Number(json, "dashboardP95Ms", delta.DashboardP95Ms);
                Number(json, "delta", delta.Delta);
                json.WriteBoolean("overLimit", delta.OverLimit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            StringArray(json, "anomalies", report.Anomalies);

            json.WriteStartObject("outputs");
            json.WriteString("report", Path.GetFileName(report.ReportPath));
            json.WriteString("chart", report.ChartPath is null ? null : Path.GetFileName(report.ChartPath));
            json.WriteString("correctiveAction", report.ActionPath is null ? null : Path.GetFileName(report.ActionPath));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static void Trend(Utf8JsonWriter json, string name, TrendStatistics? trend)
    {
        if (trend is null) { json.WriteNull(name); return; }
        json.WriteStartObject(name);
        if (trend.Count is { } count) json.WriteNumber("count", count); else json.WriteNull("count");
        Number(json, "rate", trend.Rate);
        Number(json, "avg", trend.Avg);
        Number(json, "min", trend.Min);
        Number(json, "med", trend.Med);
        Number(json, "p90", trend.P90);
        Number(json, "p95", trend.P95);
        Number(json, "p99", trend.P99);
        Number(json, "max", trend.Max);
        json.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter json, string name, StatusBreakdown? status)
    {
        if (status is null) { json.WriteNull(name); return; }
        json.WriteStartObject(name);
        json.WriteNumber("total", status.Total);
        json.WriteNumber("success2xx", status.Success2xx);
        json.WriteNumber("redirect3xx", status.Redirect3xx);
        json.WriteNumber("tooManyRequests429", status.TooManyRequests429);
        json.WriteNumber("otherClientErrors4xx", status.OtherClientErrors4xx);
        json.WriteNumber("serverErrors5xx", status.ServerErrors5xx);
        json.WriteNumber("networkErrors", status.NetworkErrors);
        json.WriteStartObject("byStatus");
        foreach (var (code, count) in status.ByStatus) json.WriteNumber(code.ToString(CultureInfo.InvariantCulture), count);
        json.WriteEndObject();
        json.WriteStartObject("networkErrorCodes");
        foreach (var (code, count) in status.NetworkErrorCodes) json.WriteNumber(code, count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void NumberMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values) json.WriteNumber(key, value);
        json.WriteEndObject();
    }

    private static void StringArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number)) json.WriteNumber(name, number); else json.WriteNull(name); // JSON has no NaN or infinity
    }

    private static void Boolean(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag) json.WriteBoolean(name, flag); else json.WriteNull(name);
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time) json.WriteString(name, time); else json.WriteNull(name);
    }
}
