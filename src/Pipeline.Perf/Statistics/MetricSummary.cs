namespace Pipeline.Perf.Statistics;

/// <summary>
/// One k6 metric as k6's summary shows it: counters have count and rate; rates passes, fails and value;
/// gauges value, min and max; trends their aggregates.
/// </summary>
public sealed record MetricSummary(
    string Name,
    MetricKind Kind,
    double? Count = null,
    double? Rate = null,
    long? Passes = null,
    long? Fails = null,
    double? Value = null,
    double? Min = null,
    double? Max = null,
    TrendStatistics? Trend = null)
{
    /// <summary>The aggregate named in a threshold expression (count, rate, value, or a trend aggregate).</summary>
    public double? Get(string aggregate) => Kind switch
    {
        MetricKind.Trend => Trend?.Get(aggregate),
        MetricKind.Counter => aggregate switch { "count" => Count, "rate" => Rate, _ => null },
        MetricKind.Rate => aggregate == "rate" ? Value : null,
        MetricKind.Gauge => aggregate switch { "value" => Value, "min" => Min, "max" => Max, _ => null },
        _ => null,
    };
}
