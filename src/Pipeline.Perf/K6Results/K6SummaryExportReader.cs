using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Reads k6's <c>--summary-export</c> JSON: aggregates only. Per-endpoint figures come from submetrics
/// (<c>http_req_duration{name:chat}</c>); there are no per-endpoint counts, no status breakdown and no raw
/// values, and the report says so.
/// </summary>
internal static partial class K6SummaryExportReader
{
    public const string AggregatesOnlyNote =
        "Source is a k6 summary export: aggregates only (k6's own figures); no per-endpoint request counts, status breakdown or latency distribution.";

    public static RunStatistics Read(string path)
    {
        JsonDocument document;
        try
        {
            using var stream = OpenMaybeGzip(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new K6ResultFormatException(path, ex.LineNumber + 1, $"not valid JSON ({ex.Message.Split(" Path:")[0]}); a k6 summary export is written by k6 run --summary-export.");
        }
        catch (InvalidDataException ex)
        {
            throw new K6ResultFormatException(path, null, $"the gzip data is damaged ({ex.Message}); copy the file again.", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("metrics", out var metricsElement)
                || metricsElement.ValueKind != JsonValueKind.Object)
                throw new K6ResultFormatException(path, null, "no \"metrics\" object: this is not a k6 summary export.");

            var endpoints = new List<EndpointStatistics>();
            var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
            var thresholds = new List<ThresholdRule>();
            var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
            var notes = new List<string> { AggregatesOnlyNote };
            TrendStatistics? overall = null, expectedOnly = null;
            var failedByEndpoint = new Dictionary<string, double>(StringComparer.Ordinal);

            foreach (var metric in metricsElement.EnumerateObject())
            {
                if (metric.Value.ValueKind != JsonValueKind.Object) continue;
                var keyMatch = SubmetricPattern().Match(metric.Name);
                var baseName = keyMatch.Groups["metric"].Value;
                var tagKey = keyMatch.Groups["tag"].Success ? keyMatch.Groups["tag"].Value : null;
                var tagValue = keyMatch.Groups["value"].Success ? keyMatch.Groups["value"].Value : null;

                if (metric.Value.TryGetProperty("thresholds", out var thresholdElement) && thresholdElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var threshold in thresholdElement.EnumerateObject())
                    {
                        try
                        {
                            var rule = ThresholdRule.Parse(metric.Name, threshold.Name);
                            thresholds.Add(rule);
                            // In a summary export true means the threshold FAILED.
                            if (threshold.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                                verdicts[rule.Key + " " + rule.Expression] = threshold.Value.ValueKind == JsonValueKind.False;
                        }
                        catch (FormatException)
                        {
                            notes.Add($"threshold '{threshold.Name}' on {metric.Name} is not in a form Summarize evaluates");
                        }
                    }
                }

                var summary = ToSummary(baseName, metric.Value);
                if (baseName == K6MetricNames.HttpReqDuration && summary.Trend is { } trend)
                {
                    if (tagKey is null) overall = trend;
                    else if (tagKey == K6MetricNames.NameTag) endpoints.Add(new EndpointStatistics(tagValue!, trend, null, null));
                    else if (tagKey == K6MetricNames.ExpectedResponseTag && tagValue == "true") expectedOnly = trend;
                }
                else if (baseName == K6MetricNames.HttpReqFailed && tagKey == K6MetricNames.NameTag && summary.Value is { } failedRate)
                    failedByEndpoint[tagValue!] = failedRate;
                else if (tagKey is null) metrics[metric.Name] = summary;
            }

            if (overall is null)
                throw new K6ResultFormatException(path, null, "the summary export has no http_req_duration metric: the run made no HTTP requests.");
            if (metrics.TryGetValue(K6MetricNames.HttpReqs, out var requests))
                overall = overall with { Count = (long?)requests.Count, Rate = requests.Rate };
            if (endpoints.Count == 0)
                notes.Add("No per-endpoint submetrics (http_req_duration{name:...}) in the export; declare a threshold per endpoint in the k6 script to get them.");

            return new RunStatistics
            {
                Source = ResultSource.SummaryExport,
                Files = [path],
                Overall = overall,
                ExpectedResponseOnly = expectedOnly,
                Endpoints = endpoints
                    .Select(e => failedByEndpoint.TryGetValue(e.Name, out var rate) ? e with { FailedRate = rate } : e)
                    .OrderBy(e => e.Name, StringComparer.Ordinal).ToArray(),
                Metrics = metrics,
                DeclaredThresholds = thresholds,
                K6Verdicts = verdicts,
                Notes = notes,
            };
        }
    }

    internal static Stream OpenMaybeGzip(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static MetricSummary ToSummary(string name, JsonElement element)
    {
        double? Number(string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

        if (element.TryGetProperty("avg", out _) || element.TryGetProperty("med", out _))
        {
            return new MetricSummary(name, MetricKind.Trend, Trend: new TrendStatistics(
                null, null, Number("avg"), Number("min"), Number("med"), Number("p(90)"), Number("p(95)"), Number("p(99)"), Number("max")));
        }
        if (element.TryGetProperty("passes", out _))
            return new MetricSummary(name, MetricKind.Rate, Passes: (long?)Number("passes"), Fails: (long?)Number("fails"), Value: Number("value"));
        if (element.TryGetProperty("count", out _))
            return new MetricSummary(name, MetricKind.Counter, Count: Number("count"), Rate: Number("rate"));
        return new MetricSummary(name, MetricKind.Gauge, Value: Number("value"), Min: Number("min"), Max: Number("max"));
    }

    [GeneratedRegex(@"^(?<metric>[^{]+)(\{(?<tag>[^:}]+):(?<value>[^}]*)\})?$")]
    private static partial Regex SubmetricPattern();
}
