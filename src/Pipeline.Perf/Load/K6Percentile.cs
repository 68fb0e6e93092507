namespace Pipeline.Perf.Load;

/// <summary>
/// k6's percentile of a Trend (metrics/sink.go): on sorted values, i = p·(n−1) and the result is the
/// linear interpolation between the values at floor(i) and ceil(i); 0 for no values.
/// </summary>
public static class K6Percentile
{
    public static double Of(ReadOnlySpan<double> sorted, double fraction)
    {
        if (sorted.Length == 0) return 0;
        if (sorted.Length == 1) return sorted[0];
        var index = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(index);
        var upper = (int)Math.Ceiling(index);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (index - lower);
    }
}
