namespace Pipeline.Perf.Statistics;

/// <summary>Everything Summarize knows about one run (one file, or several shards of one distributed run).</summary>
public sealed record RunStatistics
{
    public required ResultSource Source { get; init; }
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The <c>run_id</c> tag of each file's points, by file as given; a file without one is absent.</summary>
    public IReadOnlyDictionary<string, string> RunIds { get; init; } = new Dictionary<string, string>();

    /// <summary>The latency metric the per-endpoint table is about (k6's <c>http_req_duration</c>).</summary>
    public string LatencyMetric { get; init; } = K6MetricNames.HttpReqDuration;

    public required TrendStatistics Overall { get; init; }

    /// <summary>k6's <c>http_req_duration{expected_response:true}</c>: latency of the responses k6 deemed successful.</summary>
    public TrendStatistics? ExpectedResponseOnly { get; init; }

    public StatusBreakdown? OverallStatus { get; init; }
    public required IReadOnlyList<EndpointStatistics> Endpoints { get; init; }
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();

    /// <summary>Thresholds declared inside the results (NDJSON Metric lines, summary export).</summary>
    public IReadOnlyList<ThresholdRule> DeclaredThresholds { get; init; } = [];

    /// <summary>k6's own verdicts from a summary export, keyed by rule key + expression (true = passed).</summary>
    public IReadOnlyDictionary<string, bool> K6Verdicts { get; init; } = new Dictionary<string, bool>();

    public DateTimeOffset? FirstSample { get; init; }
    public DateTimeOffset? LastSample { get; init; }

    /// <summary>Seconds between the first and the last sample; the denominator of every rate.</summary>
    public double? DurationSeconds { get; init; }

    public long Lines { get; init; }
    public long SkippedLines { get; init; }
    public IReadOnlyList<string> SkipReasons { get; init; } = [];

    /// <summary>Remarks from reading (thresholds not modelled, aggregates missing...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Exact percentile of the raw values (endpoint null = overall); null for a summary export.</summary>
    public Func<string?, double, double?>? ExactPercentile { get; init; }

    /// <summary>The raw latencies of an endpoint, for the chart; null for a summary export.</summary>
    public Func<string, IEnumerable<double>>? Latencies { get; init; }
}
