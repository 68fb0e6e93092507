namespace Pipeline.Perf.Scenario;

/// <summary>
/// Which endpoint the i-th request goes to. Counts follow the shares exactly (largest remainder over the
/// run's length) and endpoints are interleaved (smooth weighted round-robin), so any prefix of the run has
/// the same mix. scripts/perf/p95_local_test.js computes the same sequence, so both engines send the same
/// requests in the same order.
/// </summary>
internal sealed class RequestMix
{
    /// <summary>The cycle length used when the run has no fixed request count.</summary>
    public const int CycleForTimedRuns = 1000;

    private readonly byte[] _sequence;

    public RequestMix(IReadOnlyList<ScenarioEndpoint> endpoints, int length)
    {
        if (endpoints.Count is 0 or > 255) throw new ArgumentException("A scenario has 1 to 255 endpoints.", nameof(endpoints));
        if (length > LoadScenario.MaxRequests)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A run has at most {LoadScenario.MaxRequests} requests.");
        Length = Math.Max(1, length);
        var counts = Apportion(endpoints.Select(e => e.Share).ToArray(), Length);
        // The round-robin repeats itself every Length / d requests, d = gcd(Length, counts): only that cycle is
        // kept (5 entries for an 80/20 mix of 10,000,000 requests), never an array per request when it can be helped.
        var divisor = counts.Aggregate(Length, Gcd);
        _sequence = Interleave(counts.Select(c => c / divisor).ToArray(), Length / divisor);
    }

    public int Length { get; }

    /// <summary>Entries actually held: the length of one cycle of the sequence.</summary>
    public int CycleLength => _sequence.Length;

    public int EndpointFor(long requestIndex) => _sequence[requestIndex % Length % _sequence.Length];

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> slots by weight (ties go to the earlier endpoint).</summary>
    public static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w / sum * total).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - counts.Sum();
        foreach (var index in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
            counts[index]++;
        return counts;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static byte[] Interleave(int[] counts, int total)
    {
        var sequence = new byte[total];
        var current = new long[counts.Length];
        for (var step = 0; step < total; step++)
        {
            var pick = 0;
            for (var j = 0; j < counts.Length; j++)
            {
                current[j] += counts[j];
                if (current[j] > current[pick]) pick = j;
            }
            current[pick] -= total;
            sequence[step] = (byte)pick;
        }
        return sequence;
    }
}
