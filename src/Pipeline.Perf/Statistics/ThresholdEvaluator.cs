using System.Globalization;
using Pipeline.Core.Errors;

namespace Pipeline.Perf.Statistics;

/// <summary>Evaluates threshold rules against the statistics of a run.</summary>
internal static class ThresholdEvaluator
{
    /// <exception cref="UserInputException">A rule names a metric the run does not have (k6 refuses those too).</exception>
    public static IReadOnlyList<ThresholdResult> Evaluate(RunStatistics run, IEnumerable<(ThresholdRule Rule, string Source)> rules)
    {
        var results = new List<ThresholdResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, source) in rules)
        {
            if (!seen.Add(rule.Key + " " + rule.Expression)) continue; // the same rule from two sources is listed once
            RefuseUnknownMetric(run, rule, source);
            var observed = Observe(run, rule);
            results.Add(new ThresholdResult(rule, observed, observed is { } value ? rule.IsMet(value) : null, source)
            {
                NotEvaluatedBecause = observed is null ? WhyNotObserved(run, rule) : null,
            });
        }
        return results;
    }

    // A misspelt metric would otherwise be "not evaluable" and pass unnoticed.
    private static void RefuseUnknownMetric(RunStatistics run, ThresholdRule rule, string source)
    {
        if (rule.Metric == run.LatencyMetric || run.Metrics.ContainsKey(rule.Metric)) return;
        // k6 declared this metric in the results (with its thresholds): no typo, just no samples kept, so "not evaluated".
        if (run.DeclaredThresholds.Any(declared => declared.Metric == rule.Metric)) return;
        var known = run.Metrics.Keys.Append(run.LatencyMetric).Order(StringComparer.Ordinal).ToArray();
        var closest = ClosestName.Find(rule.Metric, known);
        throw new UserInputException(
            $"Threshold {rule.Key} {rule.Expression} (from {source}) names a metric the results do not have" +
            (closest is null ? "" : $"; did you mean {closest}") +
            $"? The results have {string.Join(", ", known)}.");
    }

    /// <summary>The figure a rule is about, or null when the run does not carry it.</summary>
    public static double? Observe(RunStatistics run, ThresholdRule rule)
    {
        var aggregate = NormalizePercentile(rule.Aggregate);
        if (rule.Metric == run.LatencyMetric)
        {
            if (rule.TagKey is null) return run.Overall.Get(aggregate) ?? Percentile(run, null, aggregate);
            if (rule.TagKey == "name")
                return run.Endpoints.FirstOrDefault(e => e.Name == rule.TagValue)?.Latency.Get(aggregate) ?? Percentile(run, rule.TagValue, aggregate);
            if (rule.TagKey == "expected_response" && rule.TagValue == "true") return run.ExpectedResponseOnly?.Get(aggregate);
            return null;
        }
        if (rule.Metric == "http_req_failed" && rule.TagKey == "name" && aggregate == "rate")
            return run.Endpoints.FirstOrDefault(e => e.Name == rule.TagValue)?.FailedRate;
        if (rule.TagKey is not null) return null;
        return run.Metrics.TryGetValue(rule.Metric, out var metric) ? metric.Get(aggregate) : null;
    }

    /// <summary>Why <see cref="Observe"/> found no figure: no points for the metric or submetric, or no such aggregate.</summary>
    private static string WhyNotObserved(RunStatistics run, ThresholdRule rule)
    {
        var aggregate = NormalizePercentile(rule.Aggregate);
        var byName = rule.TagKey == "name" && (rule.Metric == run.LatencyMetric || (rule.Metric == "http_req_failed" && aggregate == "rate"));
        if (byName && run.Endpoints.All(e => e.Name != rule.TagValue))
            return $"the results have no points for {rule.Key}; " +
                   (run.Endpoints.Count == 0 ? "they have no name tag at all" : $"the results have {string.Join(", ", run.Endpoints.Select(e => "name:" + e.Name))}");
        if (rule.TagKey is not null && !byName && !(rule.Metric == run.LatencyMetric && rule.TagKey == "expected_response" && rule.TagValue == "true"))
            return $"Summarize computes submetrics only by name (of {run.LatencyMetric} and http_req_failed's rate) and {run.LatencyMetric}{{expected_response:true}}, not {rule.Key}";
        var points = rule.Metric == run.LatencyMetric
            ? (rule.TagKey is null ? run.Overall : byName ? run.Endpoints.First(e => e.Name == rule.TagValue).Latency : run.ExpectedResponseOnly)?.Count > 0
            : !byName && run.Metrics.ContainsKey(rule.Metric);
        return points || byName
            ? $"the results do not carry {rule.Aggregate} for {rule.Key}" +
              (run.Source == ResultSource.SummaryExport ? " (a k6 summary export keeps only its summaryTrendStats: pass the NDJSON)" : "")
            : $"the results have no points for {rule.Key}";
    }

    // p(95.0) and p(95) name the same figure; other percentiles are not kept.
    private static string NormalizePercentile(string aggregate)
    {
        if (!aggregate.StartsWith("p(", StringComparison.Ordinal)) return aggregate;
        var p = double.Parse(aggregate[2..^1], CultureInfo.InvariantCulture);
        return $"p({p.ToString(CultureInfo.InvariantCulture)})";
    }

    // Percentiles other than the kept ones (p(99.9)...) come from the raw values when the run has them.
    private static double? Percentile(RunStatistics run, string? endpoint, string aggregate)
    {
        if (run.ExactPercentile is null || !aggregate.StartsWith("p(", StringComparison.Ordinal)) return null;
        return run.ExactPercentile(endpoint, double.Parse(aggregate[2..^1], CultureInfo.InvariantCulture) / 100);
    }
}
