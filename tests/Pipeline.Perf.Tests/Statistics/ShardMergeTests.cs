using Pipeline.Perf.K6Results;
using Pipeline.Perf.Tests.K6Results;

namespace Pipeline.Perf.Tests.Statistics;

public sealed class ShardMergeTests : IDisposable
{
    private readonly K6Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Contiguous_shards_give_the_single_file_result_bit_for_bit()
    {
        var lines = File.ReadAllLines(K6Fixture.Ndjson);
        var metricLines = lines.Where(l => l.Contains("\"type\":\"Metric\"")).ToArray();
        var points = lines.Where(l => !l.Contains("\"type\":\"Metric\"")).ToArray();
        var third = points.Length / 3;
        var shards = new[] { points[..third], points[third..(2 * third)], points[(2 * third)..] }
            .Select((chunk, i) => _fixture.Write($"shard{i}.ndjson", string.Join('\n', metricLines.Concat(chunk))))
            .ToArray();

        var single = K6ResultReader.Read([K6Fixture.Ndjson]);
        var merged = K6ResultReader.Read(shards);

        Assert.Equal(single.Overall, merged.Overall);
        Assert.Equal(single.Endpoints, merged.Endpoints, new EndpointComparer());
        Assert.Equal(single.ExpectedResponseOnly, merged.ExpectedResponseOnly);
    }

    [Fact]
    public void Interleaved_gzip_and_plain_shards_give_the_same_percentiles_and_counts()
    {
        var lines = File.ReadAllLines(K6Fixture.Ndjson);
        var metricLines = lines.Where(l => l.Contains("\"type\":\"Metric\"")).ToArray();
        var points = lines.Where(l => !l.Contains("\"type\":\"Metric\"")).ToArray();
        var even = metricLines.Concat(points.Where((_, i) => i % 2 == 0));
        var odd = metricLines.Concat(points.Where((_, i) => i % 2 == 1));
        var a = _fixture.Write("a.ndjson", string.Join('\n', even));
        var b = _fixture.WriteGzip("b.ndjson.gz", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', odd)));

        var single = K6ResultReader.Read([K6Fixture.Ndjson]);
        var merged = K6ResultReader.Read([a, b]);

        // Percentiles, counts, min and max are exact whatever the order; the average sums in another order.
        Assert.Equal(single.Overall with { Avg = null }, merged.Overall with { Avg = null });
        Assert.Equal(single.Overall.Avg!.Value, merged.Overall.Avg!.Value, 1e-9);
        foreach (var (s, m) in single.Endpoints.Zip(merged.Endpoints))
        {
            Assert.Equal(s.Latency with { Avg = null }, m.Latency with { Avg = null });
            Assert.Equal(s.Status!.ByStatus, m.Status!.ByStatus);
        }
    }

    private sealed class EndpointComparer : IEqualityComparer<Pipeline.Perf.Statistics.EndpointStatistics>
    {
        public bool Equals(Pipeline.Perf.Statistics.EndpointStatistics? x, Pipeline.Perf.Statistics.EndpointStatistics? y) =>
            x!.Name == y!.Name && x.Latency == y.Latency && x.FailedRate == y.FailedRate
            && x.Status!.ByStatus.SequenceEqual(y.Status!.ByStatus) && x.Status.NetworkErrorCodes.SequenceEqual(y.Status.NetworkErrorCodes);

        public int GetHashCode(Pipeline.Perf.Statistics.EndpointStatistics obj) => obj.Name.GetHashCode();
    }
}
