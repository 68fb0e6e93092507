namespace Pipeline.Perf.Load;

/// <summary>
/// One metric of a k6 summary export: its values (trend: avg, min, med, max, p(90), p(95); counter: count,
/// rate; rate: passes, fails, value; gauge: value, min, max) and its thresholds, where true means
/// "crossed" (k6's convention in this file) and null "not evaluated" (no samples to compare; k6 itself writes only booleans).
/// </summary>
public sealed record K6MetricSummary(IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, bool?> ThresholdsCrossed)
{
    public double? this[string value] => Values.TryGetValue(value, out var v) ? v : null;
}
