using System.Diagnostics;
using System.Text.Json;
using Pipeline.Perf.Statistics;
using Serilog;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Reads k6 results: one or more <c>--out json</c> NDJSON files (plain or gzip; several files are shards of
/// one distributed run and are merged exactly), or one <c>--summary-export</c> JSON (aggregates only).
/// </summary>
internal static class K6ResultReader
{
    public static RunStatistics Read(IReadOnlyList<string> files, K6ResultReaderOptions? options = null, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0) throw new ArgumentException("No results file given.", nameof(files));
        ResultFiles.RefuseRepeatedPaths(files);
        foreach (var file in files)
        {
            if (Directory.Exists(file))
                throw new K6ResultFormatException(file, null, "is a folder; pass the results files themselves (k6 --out json NDJSON, e.g. reports/p95_k6_YYYYMMDD.json, or one --summary-export file).");
            if (StartsWithJsonArray(file))
                throw new K6ResultFormatException(file, null, "is a JSON array, not k6 results; pass what k6 --out json=FILE writes (one JSON object per line) or one k6 --summary-export file.");
        }
        options ??= K6ResultReaderOptions.Default;
        log ??= Serilog.Core.Logger.None;
        var kinds = files.Select(f => (File: f, IsSummary: IsSummaryExport(f))).ToArray();
        if (kinds.Any(k => k.IsSummary))
        {
            if (files.Count > 1)
                throw new K6ResultFormatException(string.Join(", ", files), null,
                    "a k6 summary export cannot be merged with other files (its percentiles cannot be combined exactly); pass the NDJSON shards (k6 --out json) instead, or one summary export alone.");
            log.Information("Reading k6 summary export {File} (aggregates only)", files[0]);
            return K6SummaryExportReader.Read(files[0]);
        }

        var accumulator = new RunAccumulator(options.TrackTrendValues);
        var reader = new K6NdjsonReader(options);
        foreach (var file in files)
        {
            var watch = Stopwatch.StartNew();
            var linesBefore = reader.Lines;
            reader.Read(file, accumulator, cancellationToken, new LoggedProgress(log, file, watch));
            log.Information("Read {File}: {Lines:N0} lines in {Seconds:F2} s", file, reader.Lines - linesBefore, watch.Elapsed.TotalSeconds);
        }
        if (accumulator.Requests == 0)
            throw new K6ResultFormatException(string.Join(", ", files), null,
                "no http_req_duration points: the run made no HTTP requests (or every line was skipped). Check the RunP95 log.");
        if (reader.SkippedLines > 0)
            log.Warning("Skipped {Skipped:N0} malformed lines (--lenient); first: {Reasons}", reader.SkippedLines, reader.SkipReasons);
        return accumulator.Build(files, reader.Lines, reader.SkippedLines, reader.SkipReasons.ToArray()) with { RunIds = reader.RunIds };
    }

    private static bool StartsWithJsonArray(string path)
    {
        if (!File.Exists(path)) return false; // the NDJSON reader reports the missing file
        try
        {
            using var text = new StreamReader(K6SummaryExportReader.OpenMaybeGzip(path));
            int next;
            while ((next = text.Read()) >= 0 && char.IsWhiteSpace((char)next)) { }
            return next == '[';
        }
        catch (InvalidDataException)
        {
            return false; // damaged gzip: the NDJSON reader reports it with the line
        }
    }

    /// <summary>
    /// A summary export is one JSON object with <c>metrics</c> (usually pretty-printed); NDJSON has one
    /// complete object per line with a <c>type</c>.
    /// </summary>
    public static bool IsSummaryExport(string path)
    {
        if (!File.Exists(path)) return false; // the NDJSON reader reports the missing file
        try
        {
            using var stream = K6SummaryExportReader.OpenMaybeGzip(path);
            using var text = new StreamReader(stream);
            var first = text.ReadLine();
            while (first is not null && string.IsNullOrWhiteSpace(first)) first = text.ReadLine();
            if (first is null) return false;
            try
            {
                using var line = JsonDocument.Parse(first);
                return line.RootElement.ValueKind == JsonValueKind.Object
                       && !line.RootElement.TryGetProperty("type", out _)
                       && line.RootElement.TryGetProperty("metrics", out _);
            }
            catch (JsonException)
            {
                return first.Trim() == "{"; // the first line of a pretty-printed object
            }
        }
        catch (InvalidDataException)
        {
            return false; // damaged gzip: the NDJSON reader reports it with the line
        }
    }
}
