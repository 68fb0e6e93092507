using System.Text;
using Pipeline.Core.Tools;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;
using Serilog;

namespace Pipeline.Perf.Tests.Load;

/// <summary>--shard i/N in k6's execution-segment terms, for both engines.</summary>
public sealed class ExecutionShardTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("shard-").FullName;

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    [Theory]
    [InlineData("0/3", "i is 0")]
    [InlineData("4/3", "i is 4")]
    [InlineData("1/0", "N is 0")]
    [InlineData("2", "not a shard")]
    [InlineData("a/b", "not a shard")]
    [InlineData("-1/3", "not a shard")]
    [InlineData("1/3/4", "not a shard")]
    public void A_wrong_shard_is_one_clear_line_naming_the_parameter(string text, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ExecutionShard.Parse(text, "--shard"));

        Assert.StartsWith($"--shard '{text}'", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("1/1", "0:1", "0,1")]
    [InlineData("1/3", "0:1/3", "0,1/3,2/3,1")]
    [InlineData("3/3", "2/3:1", "0,1/3,2/3,1")]
    [InlineData("2/4", "1/4:1/2", "0,1/4,1/2,3/4,1")]
    public void Segments_and_sequences_are_spelt_as_k6_prints_them(string text, string segment, string sequence)
    {
        var shard = ExecutionShard.Parse(text, "--shard")!;

        Assert.Equal(segment, shard.Segment);
        Assert.Equal(sequence, shard.Sequence);
    }

    [Fact]
    public void The_shards_split_every_count_exactly_and_together_cover_every_iteration_once()
    {
        for (var count = 1; count <= 7; count++)
        for (var value = 0; value <= 60; value++)
        {
            var shards = Enumerable.Range(1, count).Select(i => new ExecutionShard(i, count)).ToArray();
            Assert.Equal(value, shards.Sum(s => s.Scale((long)value)));
            var iterations = shards.SelectMany(s => Enumerable.Range(0, (int)s.Scale((long)value)).Select(k => s.GlobalIndex(k))).Order();
            Assert.Equal(Enumerable.Range(0, value).Select(i => (long)i), iterations);
        }
        // k6's ScaleInt64 for 1/3 segments of 10: 4, 3, 3.
        Assert.Equal([4L, 3L, 3L], Enumerable.Range(1, 3).Select(i => new ExecutionShard(i, 3).Scale(10L)));
    }

    [Fact]
    public void A_shard_without_a_worker_or_a_request_is_refused()
    {
        var scenario = ScenarioFile.Parse("""{"requests":300,"concurrency":2,"endpoints":[{"name":"a","path":"/a"}]}""");

        var error = Assert.Throws<ScenarioException>(() => new ExecutionShard(1, 3).EnsureFits(scenario));

        Assert.Contains("2 workers, fewer than 3 shards", error.Message);
        Assert.Equal(nameof(P95RunSettings.Shard), error.Input);
    }

    [Fact]
    public async Task Open_model_shards_start_their_part_of_the_whole_runs_schedule()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ScenarioFile.Parse("""{"model":"open","rate":300,"requests":30,"concurrency":6,"endpoints":[{"name":"a","method":"POST","path":"/api/v1/sync-jobs"}]}""");

        var outcomes = new List<BuiltInRunOutcome>();
        for (var i = 1; i <= 3; i++)
            outcomes.Add(await BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)) { Shard = new ExecutionShard(i, 3) }, Stream.Null));

        Assert.All(outcomes, o => Assert.Equal(10, o.Requests + o.Dropped));
        Assert.All(outcomes, o => Assert.Equal(2.0, o.Summary.Value("vus_max", "value")));
        Assert.Equal(outcomes.Sum(o => o.Requests), api.Requests);
    }

    [Fact]
    public async Task The_k6_adapter_passes_k6s_own_segment_flags_and_the_run_tags()
    {
        using var k6 = new FakeK6();
        var scenarioPath = Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json");
        var settings = new K6RunSettings(k6.Executable, Path.Combine(AppContext.BaseDirectory, "perf", "p95_local_test.js"), scenarioPath,
            ScenarioFile.Load(scenarioPath), new LoadTarget(new Uri("http://127.0.0.1:5555/")),
            Path.Combine(_reports, "p95_k6_20261125.json"), Path.Combine(_reports, "p95_k6_20261125.summary.json"))
        {
            Shard = new ExecutionShard(2, 4), RunId = "20261125-223344-abcdef",
        };

        await K6LoadEngine.RunAsync(settings, new ToolRunner(new LoggerConfiguration().CreateLogger()));

        var arguments = string.Join(" ", k6.Arguments);
        Assert.Contains("--execution-segment 1/4:1/2 --execution-segment-sequence 0,1/4,1/2,3/4,1", arguments);
        Assert.Contains("--tag run_id=20261125-223344-abcdef --tag execution_segment=1/4:1/2", arguments);
        Assert.Contains("REQUESTS=300\n", k6.Environment); // the whole run's count: k6 takes its segment's part itself
    }

    [Fact]
    public void Points_with_run_tags_still_take_the_readers_fast_path_with_the_same_fields()
    {
        var scenario = ScenarioFile.Parse("""{"endpoints":[{"name":"chat","method":"POST","path":"/a"}]}""");
        using var output = new MemoryStream();
        var writer = new K6NdjsonWriter(output, scenario, new RequestErrorCatalog(), RunTags.For("20261125-223344-abcdef", new ExecutionShard(2, 3)));
        writer.Write(new RequestSample(1_764_109_995_383_810_859, 12_345_678, 10_000_000, 200, 0, 11, RequestSample.NoError));
        writer.Flush();

        var points = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("\"Point\"")).ToArray();

        Assert.Equal(4, points.Length);
        foreach (var line in points)
        {
            Assert.Contains("\"execution_segment\":\"1/3:2/3\"", line);
            Assert.Contains("\"run_id\":\"20261125-223344-abcdef\"", line);
            var bytes = Encoding.UTF8.GetBytes(line);
            var fast = new K6LineFields();
            var full = new K6LineFields();
            Assert.True(CanonicalPointLine.TryRead(bytes, ref fast, new Utf8StringPool()), line);
            Assert.Null(K6NdjsonReader.ParseLine(bytes, ref full, new Utf8StringPool()));
            Assert.Equal((full.Metric, full.Value, full.TimeTicks, full.Name, full.Status, full.ExpectedResponse),
                (fast.Metric, fast.Value, fast.TimeTicks, fast.Name, fast.Status, fast.ExpectedResponse));
        }
    }
}
