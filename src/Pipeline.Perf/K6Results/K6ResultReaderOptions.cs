namespace Pipeline.Perf.K6Results;

/// <summary>How results files are read. Defaults are strict: a bad line stops the run with its file and number.</summary>
internal sealed record K6ResultReaderOptions
{
    public static K6ResultReaderOptions Default { get; } = new();

    /// <summary>Skip malformed lines instead of failing; they are counted and the first few reasons reported.</summary>
    public bool Lenient { get; init; }

    /// <summary>How many skip reasons are kept for the report (the count is always exact).</summary>
    public int MaxSkipReasonsKept { get; init; } = 10;

    /// <summary>Trend metrics besides <c>http_req_duration</c> whose values are kept for exact percentiles.</summary>
    public IReadOnlyList<string> TrackTrendValues { get; init; } = [];

    /// <summary>Read buffer size; lines longer than this grow the (pooled) buffer.</summary>
    public int BufferSize { get; init; } = 1 << 16;

    /// <summary>
    /// The longest line accepted (k6 writes lines of a few hundred bytes); a longer one is a line error, so a
    /// file without line breaks (or a decompression bomb) never has to be held whole.
    /// </summary>
    public int MaxLineBytes { get; init; } = 1 << 20;
}
