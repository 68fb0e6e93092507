using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.K6Results;

/// <summary>What a line of k6 NDJSON is.</summary>
internal enum K6LineType { None, Point, Metric, Other }

/// <summary>The fields of one k6 NDJSON line that Summarize uses, as parsed, before they are checked and applied.</summary>
internal struct K6LineFields
{
    public K6LineType Type;
    public string? Metric;
    public double Value;
    public bool HasValue;
    public long TimeTicks;
    public bool HasTags;
    public string? Name;
    public int? Status;
    public string? ErrorCode;
    public bool? ExpectedResponse;
    public string? DeclaredName;
    public MetricKind? Kind;
    public List<string>? Thresholds;
    /// <summary>The <c>run_id</c> tag, read only while the block has not seen one (a file names one run).</summary>
    public string? RunId;
}
