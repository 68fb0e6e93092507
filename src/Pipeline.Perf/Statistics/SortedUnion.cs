namespace Pipeline.Perf.Statistics;

/// <summary>
/// Order statistics over several sorted buffers as if they were one array, found by a k-way merge walk,
/// so the overall row never needs a second copy of every latency.
/// </summary>
public static class SortedUnion
{
    /// <summary>k6 percentiles (fractions 0..1) of the union of the buffers.</summary>
    public static double[] Percentiles(IReadOnlyList<LatencyBuffer> buffers, IReadOnlyList<double> percentiles)
    {
        var n = buffers.Sum(b => (long)b.Count);
        var results = new double[percentiles.Count];
        if (n == 0) return results;
        if (buffers.Count(b => b.Count > 0) == 1)
        {
            var only = buffers.First(b => b.Count > 0).Sorted();
            for (var i = 0; i < results.Length; i++) results[i] = K6Percentile.Of(only, percentiles[i]);
            return results;
        }

        // The ranks each percentile needs (floor and ceil of p*(n-1)), visited in ascending order.
        var wanted = new SortedSet<long>();
        foreach (var p in percentiles)
        {
            if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(percentiles), p, "A percentile is a fraction between 0 and 1.");
            var rank = p * (n - 1);
            wanted.Add((long)Math.Floor(rank));
            wanted.Add((long)Math.Ceiling(rank));
        }
        var valueAt = new Dictionary<long, double>();
        foreach (var buffer in buffers) buffer.Sorted(); // sort each once before the walk
        var cursors = new int[buffers.Count];
        long position = 0;
        using var ranks = wanted.GetEnumerator();
        var hasRank = ranks.MoveNext();
        while (hasRank)
        {
            // Take the smallest head among the buffers.
            var best = -1;
            var bestValue = double.PositiveInfinity;
            for (var b = 0; b < buffers.Count; b++)
            {
                var sorted = buffers[b].Sorted();
                if (cursors[b] < sorted.Length && (best < 0 || sorted[cursors[b]] < bestValue))
                {
                    best = b;
                    bestValue = sorted[cursors[b]];
                }
            }
            cursors[best]++;
            while (hasRank && ranks.Current == position)
            {
                valueAt[position] = bestValue;
                hasRank = ranks.MoveNext();
            }
            position++;
        }

        for (var i = 0; i < results.Length; i++)
        {
            var rank = percentiles[i] * (n - 1);
            var lower = valueAt[(long)Math.Floor(rank)];
            var upper = valueAt[(long)Math.Ceiling(rank)];
            results[i] = lower + (upper - lower) * (rank - Math.Floor(rank));
        }
        return results;
    }
}
