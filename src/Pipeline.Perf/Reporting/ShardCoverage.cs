using System.Text.Json;
using Pipeline.Core.Errors;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Summarize's shard-merge check. Several NDJSON files are merged as shards of one run; their points carry the
/// run's <c>run_id</c> tag and, for a shard, its k6 <c>execution_segment</c> (RunP95 <c>--shard i/N</c>). Files of
/// different runs are refused (their union is no run at all); a shard that is missing or empty is named in the
/// report, so figures that cover 2 of 3 shards never pass for the whole run.
/// </summary>
internal static class ShardCoverage
{
    /// <summary>What the report must say about the shards (empty when there is nothing to say); throws when the files are of different runs.</summary>
    public static IReadOnlyList<string> Inspect(IReadOnlyList<string> files)
    {
        // One file may be one shard alone; a summary export has no points to check.
        if (files.Count == 0 || files.Any(K6ResultReader.IsSummaryExport)) return [];
        var shards = files.Where(File.Exists).Select(Peek).ToList();

        var tagged = shards.Where(s => s.RunId is not null).ToList();
        if (tagged.Select(s => s.RunId).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new UserInputException(
                $"The results come from different runs: {string.Join(", ", tagged.Select(s => $"{Path.GetFileName(s.File)} (run {s.RunId})"))}. " +
                "Summarise the shards of one run together; start every shard with the same --run-id.");

        var notes = new List<string>();
        foreach (var empty in shards.Where(s => !s.HasPoints))
            notes.Add($"{Path.GetFileName(empty.File)} has no results: its shard failed or sent nothing, and the figures leave it out.");
        var segmented = shards.Where(s => s.Segment is not null).ToList();
        if (segmented.Count == 0) return notes;
        foreach (var untagged in shards.Where(s => s.HasPoints && s.Segment is null))
            notes.Add($"{Path.GetFileName(untagged.File)} names no execution segment while other files do: it may not be a shard of this run.");

        var parsed = segmented.Select(s => (Shard: s, Range: SegmentRange.TryParse(s.Segment!))).ToList();
        foreach (var unreadable in parsed.Where(p => p.Range is null))
            notes.Add($"{Path.GetFileName(unreadable.Shard.File)}: execution segment '{unreadable.Shard.Segment}' is not from:to fractions; its coverage was not checked.");
        var ranges = parsed.Where(p => p.Range is not null).Select(p => (p.Shard, Range: p.Range!.Value)).ToList();
        foreach (var twice in ranges.GroupBy(r => r.Range).Where(g => g.Count() > 1))
            notes.Add($"Execution segment {twice.Key} is in {string.Join(" and ", twice.Select(t => Path.GetFileName(t.Shard.File)))}: its requests are counted more than once.");

        var distinct = ranges.Select(r => r.Range).Distinct().ToList();
        var length = distinct[0].Length;
        if (distinct.All(r => r.Length == length) && length.Numerator.IsOne && length.Denominator <= 100_000)
        {
            // Equal shards (--shard i/N): name every missing one.
            var count = (int)length.Denominator;
            var present = Enumerable.Range(1, count).Count(i => distinct.Contains(SegmentRange.OfShard(i, count)));
            foreach (var missing in Enumerable.Range(1, count).Where(i => !distinct.Contains(SegmentRange.OfShard(i, count))))
                notes.Add($"Shard {missing}/{count} ({SegmentRange.OfShard(missing, count)}) missing: the figures cover {present} of {count} shards.");
        }
        else
        {
            foreach (var gap in SegmentRange.Gaps(distinct))
                notes.Add($"Execution segment {gap} missing: the figures cover only part of the run.");
        }
        return notes;
    }

    private sealed record ShardFile(string File, string? RunId, string? Segment, bool HasPoints);

    /// <summary>The run and segment tags of a file's first point (every point carries the same ones).</summary>
    private static ShardFile Peek(string file)
    {
        try
        {
            using var stream = K6SummaryExportReader.OpenMaybeGzip(file);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (!line.Contains("\"Point\"", StringComparison.Ordinal)) continue;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    if (!document.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
                        continue;
                    return new ShardFile(file, Text(tags, "run_id"), Text(tags, "execution_segment"), HasPoints: true);
                }
                catch (JsonException) { /* a damaged line is the reader's to report */ }
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException) { /* the reader reports an unreadable file */ }
        return new ShardFile(file, null, null, HasPoints: false);
    }

    private static string? Text(JsonElement tags, string name) =>
        tags.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
