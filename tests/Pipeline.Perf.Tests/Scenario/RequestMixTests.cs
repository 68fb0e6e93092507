using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Scenario;

/// <summary>The request mix keeps one cycle of its sequence, never an entry per request when the cycle is shorter.</summary>
public class RequestMixTests
{
    private static ScenarioEndpoint[] Endpoints(params double[] shares) =>
        shares.Select((share, i) => new ScenarioEndpoint($"e{i}", "GET", $"/e{i}") { Share = share }).ToArray();

    [Theory]
    [InlineData(300, new[] { 0.8, 0.2 })]
    [InlineData(1000, new[] { 1.0, 1.0, 2.0 })]
    [InlineData(997, new[] { 0.5, 0.3, 0.2 })]
    [InlineData(1200, new[] { 3.0, 7.0, 0.001 })]
    [InlineData(60, new[] { 1.0 })]
    public void The_cycle_gives_the_same_sequence_as_the_whole_round_robin(int length, double[] shares)
    {
        var mix = new RequestMix(Endpoints(shares), length);
        var counts = RequestMix.Apportion(shares, length);

        // The smooth weighted round-robin over the whole length, as it was computed before the cycle.
        var current = new long[counts.Length];
        for (var step = 0; step < 2 * length; step++)
        {
            var pick = 0;
            for (var j = 0; j < counts.Length; j++)
            {
                current[j] += counts[j];
                if (current[j] > current[pick]) pick = j;
            }
            current[pick] -= length;
            Assert.Equal(pick, mix.EndpointFor(step));
        }
    }

    [Fact]
    public void An_80_20_mix_of_the_largest_run_holds_five_entries()
    {
        var mix = new RequestMix(Endpoints(0.8, 0.2), LoadScenario.MaxRequests);

        Assert.Equal(5, mix.CycleLength);
        Assert.Equal(8_000_000, Enumerable.Range(0, 10).Count(i => mix.EndpointFor(i) == 0) * 1_000_000);
    }
}
