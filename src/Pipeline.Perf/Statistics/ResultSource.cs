namespace Pipeline.Perf.Statistics;

/// <summary>Where the figures come from: every sample (NDJSON) or k6's own aggregates (summary export).</summary>
public enum ResultSource
{
    /// <summary>k6 <c>--out json</c> points: every figure is computed from the raw samples.</summary>
    Samples,

    /// <summary>k6 <c>--summary-export</c>: aggregates only; no per-endpoint counts or status breakdown, no chart of the distribution.</summary>
    SummaryExport,
}
