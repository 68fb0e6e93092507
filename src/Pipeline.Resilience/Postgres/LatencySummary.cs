namespace Pipeline.Resilience.Postgres;

/// <summary>Percentiles of a small set of round trips (nearest-rank: every figure is a measured sample).</summary>
public sealed record LatencySummary(int Count, TimeSpan Min, TimeSpan P50, TimeSpan P95, TimeSpan Max)
{
    public static LatencySummary? Of(IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        return new LatencySummary(sorted.Length, sorted[0], Percentile(sorted, 50), Percentile(sorted, 95), sorted[^1]);
    }

    public static TimeSpan Percentile(TimeSpan[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
