namespace Pipeline.Perf.Statistics;

/// <summary>
/// The aggregates of a latency Trend, in milliseconds. Nullable because a k6 summary export carries only
/// the aggregates k6 was told to keep (by default no count per endpoint and no p(99)).
/// </summary>
public sealed record TrendStatistics(
    long? Count, double? Rate, double? Avg, double? Min, double? Med, double? P90, double? P95, double? P99, double? Max)
{
    public static TrendStatistics Empty { get; } = new(0, null, null, null, null, null, null, null, null);

    /// <summary>Aggregates of values summed in arrival order (<paramref name="totals"/>) and held in <paramref name="buffers"/>.</summary>
    internal static TrendStatistics From(RunningTotals totals, IReadOnlyList<LatencyBuffer> buffers, double? durationSeconds)
    {
        if (totals.Count == 0) return Empty;
        var p = SortedUnion.Percentiles(buffers, [0.50, 0.90, 0.95, 0.99]);
        return new TrendStatistics(
            totals.Count,
            durationSeconds is > 0 ? totals.Count / durationSeconds.Value : null,
            totals.Sum / totals.Count,
            totals.Min, p[0], p[1], p[2], p[3], totals.Max);
    }

    /// <summary>The aggregate named as in a k6 threshold or summary (avg, min, med, max, p(95), count, rate).</summary>
    public double? Get(string aggregate) => aggregate switch
    {
        "avg" => Avg,
        "min" => Min,
        "med" => Med,
        "max" => Max,
        "count" => Count,
        "rate" => Rate,
        "p(90)" => P90,
        "p(95)" => P95,
        "p(99)" => P99,
        "p(50)" => Med,
        _ => null,
    };
}
