namespace Pipeline.Perf.Dashboard;

/// <summary>
/// Prometheus' <c>histogram_quantile</c> (promql/quantile.go): find the bucket holding the rank and
/// interpolate linearly inside it, assuming observations spread evenly. The same arithmetic as the
/// dashboard, so a delta against it measures the client, not a different formula.
/// </summary>
internal static class HistogramQuantile
{
    /// <returns>The quantile, or NaN when there are no observations or no +Inf bucket (as Prometheus does).</returns>
    public static double Compute(double quantile, IEnumerable<HistogramBucket> buckets) => Locate(quantile, buckets).Value;

    /// <summary>The quantile and the bucket it fell in (its bounds tell how coarse the estimate is).</summary>
    public static (double Value, double Lower, double Upper) Locate(double quantile, IEnumerable<HistogramBucket> buckets)
    {
        if (double.IsNaN(quantile)) return (double.NaN, double.NaN, double.NaN);
        if (quantile < 0) return (double.NegativeInfinity, double.NaN, double.NaN);
        if (quantile > 1) return (double.PositiveInfinity, double.NaN, double.NaN);
        var sorted = buckets.OrderBy(b => b.UpperBound).ToList();
        if (sorted.Count < 2 || !double.IsPositiveInfinity(sorted[^1].UpperBound)) return (double.NaN, double.NaN, double.NaN);

        // Scrapes are not atomic: make counts monotonic like Prometheus' ensureMonotonic.
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].CumulativeCount < sorted[i - 1].CumulativeCount) sorted[i] = sorted[i] with { CumulativeCount = sorted[i - 1].CumulativeCount };

        var total = sorted[^1].CumulativeCount;
        if (total <= 0) return (double.NaN, double.NaN, double.NaN);
        var rank = quantile * total;
        var b = sorted.FindIndex(x => x.CumulativeCount >= rank);
        if (b == sorted.Count - 1) return (sorted[^2].UpperBound, sorted[^2].UpperBound, double.PositiveInfinity);
        if (b == 0 && sorted[0].UpperBound <= 0) return (sorted[0].UpperBound, double.NegativeInfinity, sorted[0].UpperBound);

        var start = b == 0 ? 0 : sorted[b - 1].UpperBound;
        var end = sorted[b].UpperBound;
        var below = b == 0 ? 0 : sorted[b - 1].CumulativeCount;
        var count = sorted[b].CumulativeCount - below;
        return (start + (end - start) * ((rank - below) / count), start, end);
    }
}
