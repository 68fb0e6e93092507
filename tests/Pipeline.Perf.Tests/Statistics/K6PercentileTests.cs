using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Statistics;

public sealed class K6PercentileTests
{
    [Fact]
    public void Follows_k6s_rules_for_no_value_one_value_and_interpolation()
    {
        Assert.Equal(0, K6Percentile.Of([], 0.95));
        Assert.Equal(7, K6Percentile.Of([7], 0.95));
        // i = 0.95 * 3 = 2.85 -> 30 + (40 - 30) * 0.85
        Assert.Equal(30 + 10 * (0.95 * 3 - 2), K6Percentile.Of([10, 20, 30, 40], 0.95));
        Assert.Equal(40, K6Percentile.Of([10, 20, 30, 40], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => K6Percentile.Of([1], 95));
    }

    [Fact]
    public void Union_of_buffers_equals_the_percentile_of_one_merged_array()
    {
        var random = new Random(7);
        var buffers = Enumerable.Range(0, 3).Select(_ => new LatencyBuffer()).ToArray();
        var all = new List<double>();
        for (var i = 0; i < 1001; i++)
        {
            var value = Math.Round(random.NextDouble() * 500, 3);
            buffers[random.Next(3)].Add(value);
            all.Add(value);
        }
        all.Sort();
        double[] ps = [0, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
        var union = SortedUnion.Percentiles(buffers, ps);
        Assert.Equal(ps.Select(p => K6Percentile.Of(all.ToArray(), p)), union);
    }

    [Theory]
    [InlineData(5, 3000, 20)]     // few distinct values: long runs of duplicates across buffers
    [InlineData(7, 250_000, 1000)] // big enough to sort the buffers in parallel
    [InlineData(2, 1, 10)]         // a single value in all
    public void Every_rank_of_the_union_equals_the_merged_array_with_duplicates_and_empty_buffers(int bufferCount, int values, int distinct)
    {
        var random = new Random(bufferCount * 31 + values);
        var buffers = Enumerable.Range(0, bufferCount).Select(_ => new LatencyBuffer()).ToArray();
        var all = new double[values];
        for (var i = 0; i < values; i++)
        {
            all[i] = random.Next(distinct) * 0.5;
            buffers[random.Next(bufferCount - 1)].Add(all[i]); // the last buffer stays empty
        }
        Array.Sort(all);
        var ps = Enumerable.Range(0, 201).Select(i => i / 200.0).Append(0.999).ToArray();
        Assert.Equal(ps.Select(p => K6Percentile.Of(all, p)), SortedUnion.Percentiles(buffers, ps));
    }

    [Theory]
    [InlineData("http_req_duration{name:chat}", "p(95)<1000", "http_req_duration", "name", "chat", "p(95)", "<", 1000)]
    [InlineData("http_req_failed", "rate < 0.10", "http_req_failed", null, null, "rate", "<", 0.10)]
    [InlineData("http_reqs", "count>=100", "http_reqs", null, null, "count", ">=", 100)]
    public void Threshold_rules_parse_k6_keys_and_expressions(string key, string expression, string metric, string? tag, string? value, string aggregate, string op, double bound)
    {
        var rule = ThresholdRule.Parse(key, expression);
        Assert.Equal(new ThresholdRule(metric, tag, value, aggregate, op, bound), rule);
    }

    [Theory]
    [InlineData("http_req_duration", "p95 < 1000")]
    [InlineData("http_req_duration", "p(95)<")]
    [InlineData("http req", "avg<1")]
    public void Threshold_rules_that_cannot_be_understood_say_how_to_write_them(string key, string expression)
    {
        var error = Assert.Throws<FormatException>(() => ThresholdRule.Parse(key, expression));
        Assert.Contains("write it like", error.Message);
    }
}
