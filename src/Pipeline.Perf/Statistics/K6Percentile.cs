namespace Pipeline.Perf.Statistics;

/// <summary>
/// k6's percentile for a Trend (metrics/sink.go): linear interpolation between the two closest ranks of
/// the sorted values. Using the same formula is what makes our numbers equal k6's summary, not merely close.
/// </summary>
internal static class K6Percentile
{
    /// <param name="sorted">Values sorted ascending.</param>
    /// <param name="percentile">Between 0 and 1 (0.95 for p(95)).</param>
    public static double Of(ReadOnlySpan<double> sorted, double percentile)
    {
        if (percentile is < 0 or > 1 || double.IsNaN(percentile))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is a fraction between 0 and 1.");
        var n = sorted.Length;
        if (n == 0) return 0;
        if (n == 1) return sorted[0];
        var rank = percentile * (n - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - Math.Floor(rank));
    }
}
