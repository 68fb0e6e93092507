namespace Pipeline.Perf.Statistics;

/// <summary>k6's four metric types, as named in a <c>Metric</c> line.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Rate,
    Trend,
}
