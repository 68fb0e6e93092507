using System.Globalization;
using Pipeline.Perf.Scenario;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Load;

/// <summary>
/// Turns the built-in engine's samples into k6's summary export: the same metrics, submetrics, statistics
/// (k6's percentile) and threshold verdicts k6 would write for the same requests. Thresholds are the
/// scenario's, parsed and compared by Summarize's <see cref="ThresholdRule"/>, so both agree by construction.
/// </summary>
internal static class SampleSummary
{
    /// <summary>Metrics the built-in engine produces, with their k6 type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Supported = new Dictionary<string, string>
    {
        ["http_reqs"] = "counter",
        ["iterations"] = "counter",
        ["dropped_iterations"] = "counter",
        ["http_req_duration"] = "trend",
        ["http_req_waiting"] = "trend",
        ["http_req_failed"] = "rate",
        ["vus"] = "gauge",
        ["vus_max"] = "gauge",
    };

    private static readonly string[] TrendStats = ["avg", "min", "med", "max", "p(90)", "p(95)"];

    /// <summary>Refuses thresholds on metrics the built-in engine does not measure (k6 refuses unknown metrics too).</summary>
    public static void EnsureSupported(LoadScenario scenario)
    {
        foreach (var (rule, _) in scenario.ThresholdRules())
            if (!Supported.ContainsKey(rule.Metric))
                throw new ScenarioException(
                    $"The threshold on '{rule.Key}' cannot be evaluated by the built-in engine; it measures {string.Join(", ", Supported.Keys)}. " +
                    "Remove it from the scenario or run with k6 (--engine k6).");
    }

    public static K6SummaryExport Build(IEnumerable<SampleBlock> blocks, LoadScenario scenario, TimeSpan elapsed, RequestErrorCatalog errors)
    {
        var requests = new List<RequestSample>();
        long dropped = 0;
        foreach (var block in blocks)
            foreach (var sample in block.Samples)
                if (sample.IsDropped) dropped++;
                else requests.Add(sample);

        var rules = scenario.ThresholdRules();
        var keys = new List<string> { "http_reqs", "iterations", "http_req_duration", "http_req_duration{expected_response:true}" };
        keys.AddRange(scenario.Endpoints.Select(e => e.DurationMetric));
        keys.AddRange(["http_req_waiting", "http_req_failed"]);
        if (dropped > 0) keys.Add("dropped_iterations");
        keys.AddRange(["vus", "vus_max"]);
        keys.AddRange(rules.Select(r => r.Rule.Key));

        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var metrics = new Dictionary<string, K6MetricSummary>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct())
        {
            var (metric, tag, tagValue) = SplitKey(key);
            var own = rules.Where(r => r.Rule.Key == key).ToList();
            var selected = tag is null ? requests : requests.Where(s => SampleSummary.TagValue(s, tag, scenario, errors) == tagValue).ToList();
            var values = Supported[metric] switch
            {
                "counter" when metric == "dropped_iterations" => Counter(tag is null ? dropped : 0, seconds),
                "counter" => Counter(selected.Count, seconds),
                "trend" => Trend(selected.Select(s => metric == "http_req_waiting" ? s.WaitingMilliseconds : s.DurationMilliseconds).ToArray(), own.Select(r => r.Rule)),
                "rate" => Rate(selected.Count(s => !s.IsExpected), selected.Count),
                _ => new Dictionary<string, double> { ["value"] = scenario.Concurrency, ["min"] = scenario.Concurrency, ["max"] = scenario.Concurrency },
            };
            // k6 keys a verdict by the threshold's text as written, and true means "crossed". A trend or rate without
            // a single sample has nothing to compare (k6 would pass it on its zeros): not evaluated, written as null.
            var sampled = selected.Count > 0 || Supported[metric] is not ("trend" or "rate");
            var verdicts = own.ToDictionary(r => r.Text, r => sampled ? !r.Rule.IsMet(Aggregate(values, r.Rule)) : (bool?)null, StringComparer.Ordinal);
            metrics[key] = new K6MetricSummary(values, verdicts);
        }
        return new K6SummaryExport(metrics) { Engine = K6SummaryExport.BuiltInEngineName };
    }

    /// <summary>The value of one of k6's tags for a sample (null when the sample has no such tag).</summary>
    public static string? TagValue(in RequestSample sample, string tag, LoadScenario scenario, RequestErrorCatalog errors)
    {
        var endpoint = scenario.Endpoints[sample.Endpoint];
        return tag switch
        {
            "name" or "url" => endpoint.Name,
            "method" => sample.AsGet ? "GET" : endpoint.Method,
            "status" => sample.Status.ToString(CultureInfo.InvariantCulture),
            "expected_response" => sample.IsExpected ? "true" : "false",
            "scenario" => scenario.Name,
            "group" => string.Empty,
            "proto" => sample.HttpVersion switch { 0 => null, 20 => "HTTP/2.0", _ => "HTTP/1.1" },
            "error_code" => sample.Error == RequestSample.NoError ? null : errors[sample.Error].Code.ToString(CultureInfo.InvariantCulture),
            "error" => sample.Error == RequestSample.NoError ? null : errors[sample.Error].Message,
            _ => null,
        };
    }

    /// <summary><c>http_req_duration{name:chat}</c> → (http_req_duration, name, chat); keys come from the scenario, already validated.</summary>
    internal static (string Metric, string? Tag, string? Value) SplitKey(string key)
    {
        var open = key.IndexOf('{');
        if (open < 0) return (key, null, null);
        var pair = key[(open + 1)..^1].Split(':', 2);
        return (key[..open], pair[0], pair.Length > 1 ? pair[1] : string.Empty);
    }

    private static double Aggregate(IReadOnlyDictionary<string, double> values, ThresholdRule rule) =>
        rule.Aggregate switch
        {
            "rate" when values.ContainsKey("passes") => values["value"],
            var aggregate => values.TryGetValue(aggregate, out var v) ? v : 0,
        };

    private static Dictionary<string, double> Counter(long count, double seconds) =>
        new() { ["count"] = count, ["rate"] = count / seconds };

    private static Dictionary<string, double> Rate(int nonZero, int total) =>
        new() { ["passes"] = nonZero, ["fails"] = total - nonZero, ["value"] = total == 0 ? 0 : (double)nonZero / total };

    private static Dictionary<string, double> Trend(double[] values, IEnumerable<ThresholdRule> rules)
    {
        Array.Sort(values);
        var stats = new Dictionary<string, double>(StringComparer.Ordinal);
        // k6 exports the summary trend stats; a threshold's own percentile is added so its observed value is in the file.
        var extra = rules.Select(r => r.Aggregate).Where(a => a.StartsWith("p(", StringComparison.Ordinal));
        foreach (var stat in TrendStats.Concat(extra).Distinct())
        {
            stats[stat] = stat switch
            {
                "avg" => values.Length == 0 ? 0 : values.Average(),
                "min" => values.Length == 0 ? 0 : values[0],
                "max" => values.Length == 0 ? 0 : values[^1],
                "med" => K6Percentile.Of(values, 0.5),
                _ => K6Percentile.Of(values, double.Parse(stat[2..^1], CultureInfo.InvariantCulture) / 100),
            };
        }
        return stats;
    }
}
