namespace Pipeline.Perf.Statistics;

/// <summary>
/// Order statistics over several sorted buffers as if they were one array, so the overall row never needs a
/// second copy of every latency. Each rank is found by binary searches across the buffers, not by walking
/// the merged order: a handful of comparisons per rank instead of one step per latency.
/// </summary>
internal static class SortedUnion
{
    // The rank search costs (buffers)² per rank: beyond this many buffers (many endpoints), one merged copy is cheaper.
    private const int MaxBuffersSearched = 64;

    // Below this many values in all, sorting one buffer after the other is cheaper than starting threads.
    private const long ParallelSortThreshold = 200_000;

    /// <summary>k6 percentiles (fractions 0..1) of the union of the buffers.</summary>
    public static double[] Percentiles(IReadOnlyList<LatencyBuffer> buffers, IReadOnlyList<double> percentiles)
    {
        foreach (var p in percentiles)
            if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(percentiles), p, "A percentile is a fraction between 0 and 1.");
        var n = buffers.Sum(b => (long)b.Count);
        var results = new double[percentiles.Count];
        if (n == 0) return results;

        SortAll(buffers);
        var sorted = buffers.Where(b => b.Count > 0).Select(b => b.SortedArray()).ToArray();
        if (sorted.Length > MaxBuffersSearched) sorted = [Merge(sorted, n)];
        for (var i = 0; i < results.Length; i++)
        {
            // k6's formula: linear interpolation between the values at floor and ceil of p*(n-1).
            var rank = percentiles[i] * (n - 1);
            var lower = ValueAtRank(sorted, (long)Math.Floor(rank));
            var upper = ValueAtRank(sorted, (long)Math.Ceiling(rank));
            results[i] = lower + (upper - lower) * (rank - Math.Floor(rank));
        }
        return results;
    }

    private static ArraySegment<double> Merge(IReadOnlyList<ArraySegment<double>> sorted, long count)
    {
        var merged = new double[count];
        var at = 0;
        foreach (var values in sorted)
        {
            values.AsSpan().CopyTo(merged.AsSpan(at));
            at += values.Count;
        }
        Array.Sort(merged);
        return merged;
    }

    /// <summary>Sorts each buffer once (a sorted buffer stays sorted); when there are many values, on every core.</summary>
    public static void SortAll(IReadOnlyList<LatencyBuffer> buffers)
    {
        if (buffers.Sum(b => (long)b.Count) >= ParallelSortThreshold) Parallel.ForEach(buffers, buffer => buffer.Sorted());
        else foreach (var buffer in buffers) buffer.Sorted();
    }

    /// <summary>
    /// The value at 0-based <paramref name="rank"/> of the merged order: the smallest value v of any buffer with
    /// more than <paramref name="rank"/> values at most v. In each buffer that count grows with the index, so a
    /// binary search finds the buffer's first such value; the answer is the smallest of those.
    /// </summary>
    internal static double ValueAtRank(IReadOnlyList<ArraySegment<double>> sorted, long rank)
    {
        var best = double.PositiveInfinity;
        foreach (var values in sorted)
        {
            int low = 0, high = values.Count - 1;
            if (CountAtMost(sorted, values[high]) <= rank) continue; // even its largest value is too small
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (CountAtMost(sorted, values[middle]) > rank) high = middle;
                else low = middle + 1;
            }
            best = Math.Min(best, values[low]);
        }
        return best;
    }

    private static long CountAtMost(IReadOnlyList<ArraySegment<double>> sorted, double value)
    {
        long count = 0;
        foreach (var values in sorted)
        {
            // First index whose value is greater than value (upper bound).
            int low = 0, high = values.Count;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (values[middle] <= value) low = middle + 1;
                else high = middle;
            }
            count += low;
        }
        return count;
    }
}
