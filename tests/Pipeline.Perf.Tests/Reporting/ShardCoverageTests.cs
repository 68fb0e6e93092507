using Pipeline.Core.Errors;
using Pipeline.Perf.Reporting;

namespace Pipeline.Perf.Tests.Reporting;

/// <summary>Summarize's shard-merge check: one run only, and every missing or empty shard named.</summary>
public sealed class ShardCoverageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Shard(string name, string? runId, string? segment, int points = 2)
    {
        var tags = $"\"name\":\"chat\",\"status\":\"200\"" + (runId is null ? "" : $",\"run_id\":\"{runId}\"") + (segment is null ? "" : $",\"execution_segment\":\"{segment}\"");
        var lines = new List<string> { """{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"http_req_duration"}""" };
        for (var i = 0; i < points; i++)
            lines.Add("{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"2026-11-25T22:33:1" + i + "Z\",\"value\":1" + i + ".5,\"tags\":{" + tags + "}}}");
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, points == 0 ? [] : lines);
        return path;
    }

    [Fact]
    public void Files_of_different_runs_are_refused_naming_each_file_and_its_run()
    {
        string[] files = [Shard("a.json", "run-A", "0:1/2"), Shard("b.json", "run-B", "1/2:1")];

        var error = Assert.Throws<UserInputException>(() => ShardCoverage.Inspect(files));

        Assert.Contains("a.json (run run-A)", error.Message);
        Assert.Contains("b.json (run run-B)", error.Message);
        Assert.Contains("--run-id", error.Message);
    }

    [Fact]
    public void A_missing_shard_is_named_with_what_the_figures_cover()
    {
        var notes = ShardCoverage.Inspect([Shard("s1.json", "r", "0:1/3"), Shard("s3.json", "r", "2/3:1")]);

        Assert.Equal(["Shard 2/3 (1/3:2/3) missing: the figures cover 2 of 3 shards."], notes);
    }

    [Fact]
    public void One_shard_alone_names_the_others_as_missing()
    {
        var notes = ShardCoverage.Inspect([Shard("s2.json", "r", "1/3:2/3")]);

        Assert.Equal(["Shard 1/3 (0:1/3) missing: the figures cover 1 of 3 shards.", "Shard 3/3 (2/3:1) missing: the figures cover 1 of 3 shards."], notes);
        Assert.Empty(ShardCoverage.Inspect([Shard("whole.json", "r", null)]));
    }

    [Fact]
    public void An_empty_shard_is_named_and_its_segment_counts_as_missing()
    {
        var notes = ShardCoverage.Inspect([Shard("s1.json", "r", "0:1/2"), Shard("s2.json", null, null, points: 0)]);

        Assert.Contains("s2.json has no results: its shard failed or sent nothing, and the figures leave it out.", notes);
        Assert.Contains("Shard 2/2 (1/2:1) missing: the figures cover 1 of 2 shards.", notes);
    }

    [Fact]
    public void All_shards_present_or_unsharded_files_give_no_note()
    {
        Assert.Empty(ShardCoverage.Inspect([Shard("s1.json", "r", "0:1/3"), Shard("s2.json", "r", "1/3:2/3"), Shard("s3.json", "r", "2/3:1")]));
        Assert.Empty(ShardCoverage.Inspect([Shard("k6-a.json", null, null), Shard("k6-b.json", null, null)]));
    }

    [Fact]
    public void Unequal_segments_report_the_gap_and_a_repeated_segment_is_flagged()
    {
        var notes = ShardCoverage.Inspect([Shard("a.json", "r", "0:1/2"), Shard("b.json", "r", "3/4:1"), Shard("c.json", "r", "3/4:1")]);

        Assert.Contains("Execution segment 1/2:3/4 missing: the figures cover only part of the run.", notes);
        Assert.Contains("Execution segment 3/4:1 is in b.json and c.json: its requests are counted more than once.", notes);
    }
}
