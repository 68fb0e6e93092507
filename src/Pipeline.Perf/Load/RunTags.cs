namespace Pipeline.Perf.Load;

/// <summary>
/// The tags every point of a run carries besides k6's own (k6 gets them as <c>--tag name=value</c>): the evidence
/// run id, and for a shard its execution segment, so Summarize can tell shards of one run from files of different runs.
/// </summary>
internal static class RunTags
{
    public const string RunId = "run_id";
    public const string ExecutionSegment = "execution_segment";

    public static IReadOnlyList<KeyValuePair<string, string>> For(string? runId, ExecutionShard shard)
    {
        var tags = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(runId)) tags.Add(new(RunId, runId));
        if (!shard.IsWhole) tags.Add(new(ExecutionSegment, shard.Segment));
        return tags;
    }
}
