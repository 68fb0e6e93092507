namespace Pipeline.Perf.Dashboard;

/// <summary>
/// Where the server-side ("dashboard") P95 comes from. The first configured source wins: the figures typed
/// from the Supabase dashboard, then a PromQL query, then the before/after snapshots RunP95 stored.
/// </summary>
public sealed record DashboardSettings
{
    /// <summary>The histogram RunP95's reference API exposes (prometheus-net), in seconds.</summary>
    public const string DefaultHistogramMetric = ReferenceApi.ServerMetrics.RequestDurationMetric;

    /// <summary>Typed from the dashboard: <c>chat=1070,sync-jobs=820</c> (milliseconds).</summary>
    public string? ManualP95 { get; init; }

    public Uri? PrometheusUrl { get; init; }

    /// <summary>An instant query returning one series per endpoint; null uses <see cref="DefaultQuery"/>.</summary>
    public string? PromQL { get; init; }

    public string? SnapshotBefore { get; init; }
    public string? SnapshotAfter { get; init; }

    public string HistogramMetric { get; init; } = DefaultHistogramMetric;

    /// <summary>The label carrying the endpoint; its values match k6's <c>name</c> tag.</summary>
    public string EndpointLabel { get; init; } = "endpoint";

    /// <summary>The histogram and query values are seconds; the report is in milliseconds.</summary>
    public double ValueToMilliseconds { get; init; } = 1000;

    public double Quantile { get; init; } = 0.95;

    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public string DefaultQuery =>
        $"histogram_quantile({Quantile.ToString(System.Globalization.CultureInfo.InvariantCulture)}, sum by (le, {EndpointLabel}) (increase({HistogramMetric}_bucket[15m])))";

    public bool IsConfigured => ManualP95 is not null || PrometheusUrl is not null || (SnapshotBefore is not null && SnapshotAfter is not null);
}
