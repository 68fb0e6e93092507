using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Load;

/// <summary>
/// k6's <c>--summary-export</c> JSON: <c>root_group</c> plus <c>metrics</c>, submetrics keyed like
/// <c>http_req_duration{name:chat}</c>. Written by the built-in engine and read back for either engine, so
/// the run's result comes from the same file whatever produced it.
/// </summary>
public sealed record K6SummaryExport(IReadOnlyDictionary<string, K6MetricSummary> Metrics)
{
    /// <summary>
    /// Which engine produced the file when it was not k6 itself (k6 writes no such key): the evidence says
    /// which engine ran. Readers of k6's format ignore unknown top-level keys.
    /// </summary>
    public string? Engine { get; init; }

    public const string BuiltInEngineName = "pipeline-builtin";

    /// <summary>The evidence run the figures belong to (built-in engine; k6's own export has no place for it).</summary>
    public string? RunId { get; init; }

    /// <summary>The k6 execution segment of a shard (<c>1/4:1/2</c>), null for a whole run.</summary>
    public string? ExecutionSegment { get; init; }

    /// <summary>MD5 of the empty string: k6's id of the root group.</summary>
    private const string RootGroupId = "d41d8cd98f00b204e9800998ecf8427e";

    public double? Value(string metric, string value) => Metrics.TryGetValue(metric, out var m) ? m[value] : null;

    /// <summary>
    /// Every threshold in the file with its verdict (the file's own: k6's, or the built-in engine's); a verdict that is
    /// not a boolean (the built-in engine's "no samples") is not evaluated.
    /// </summary>
    public IReadOnlyList<ThresholdResult> Thresholds() =>
        Metrics.SelectMany(m => m.Value.ThresholdsCrossed.Select(t =>
            {
                var rule = ThresholdRule.Parse(m.Key, t.Key);
                return t.Value is { } crossed
                    ? new ThresholdResult(rule, ObservedFor(m.Value, rule), !crossed, Engine ?? "k6")
                    : new ThresholdResult(rule, null, null, Engine ?? "k6") { NotEvaluatedBecause = $"the run made no request that counts in {rule.Key}" };
            }))
            .OrderBy(t => t.Rule.Key, StringComparer.Ordinal).ToList();

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("root_group");
            json.WriteStartObject("groups");
            json.WriteEndObject();
            json.WriteStartObject("checks");
            json.WriteEndObject();
            json.WriteString("name", string.Empty);
            json.WriteString("path", string.Empty);
            json.WriteString("id", RootGroupId);
            json.WriteEndObject();
            json.WriteStartObject("metrics");
            foreach (var (name, metric) in Metrics)
            {
                json.WriteStartObject(name);
                foreach (var (key, value) in metric.Values) json.WriteNumber(key, value);
                if (metric.ThresholdsCrossed.Count > 0)
                {
                    json.WriteStartObject("thresholds");
                    foreach (var (expression, crossed) in metric.ThresholdsCrossed)
                        if (crossed is { } verdict) json.WriteBoolean(expression, verdict);
                        else json.WriteNull(expression);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            if (Engine is not null) json.WriteString("engine", Engine);
            if (RunId is not null) json.WriteString("run_id", RunId);
            if (ExecutionSegment is not null) json.WriteString("execution_segment", ExecutionSegment);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a summary export; a file that is not one is an error that names it.</summary>
    public static K6SummaryExport Parse(string json, string source = "summary export")
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source} has no 'metrics' object; it is not a k6 --summary-export file.");
            var result = new Dictionary<string, K6MetricSummary>(StringComparer.Ordinal);
            foreach (var metric in metrics.EnumerateObject())
            {
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                var thresholds = new Dictionary<string, bool?>(StringComparer.Ordinal);
                foreach (var field in metric.Value.EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.Number) values[field.Name] = field.Value.GetDouble();
                    else if (field.Name == "thresholds" && field.Value.ValueKind == JsonValueKind.Object)
                        foreach (var threshold in field.Value.EnumerateObject())
                            thresholds[threshold.Name] = threshold.Value.ValueKind switch
                            {
                                JsonValueKind.True => true,
                                JsonValueKind.False => false,
                                _ => null, // no verdict is not a pass
                            };
                }
                result[metric.Name] = new K6MetricSummary(values, thresholds);
            }
            string? Text(string key) => document.RootElement.TryGetProperty(key, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return new K6SummaryExport(result) { Engine = Text("engine"), RunId = Text("run_id"), ExecutionSegment = Text("execution_segment") };
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{source} is not valid JSON ({exception.Message}); it is not a k6 --summary-export file.", exception);
        }
    }

    /// <summary>The value a threshold compared, when the file has it ("rate" of a rate metric is its "value").</summary>
    private static double? ObservedFor(K6MetricSummary metric, ThresholdRule rule)
    {
        var isRateMetric = metric["passes"] is not null;
        return metric[rule.Aggregate == "rate" && isRateMetric ? "value" : rule.Aggregate];
    }

    /// <summary>One line for logs and failure messages: "http_req_duration{name:chat} p(95)&lt;1000: passed (observed 412.3)".</summary>
    public static string Describe(ThresholdResult result) =>
        $"{result.Rule.Key} {result.Rule.Expression}: {result.Passed switch { false => "CROSSED", null => $"NOT EVALUATED ({result.NotEvaluatedBecause})", true => "passed" }}" +
        (result.Observed is { } o ? $" (observed {o.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})" : string.Empty);
}
