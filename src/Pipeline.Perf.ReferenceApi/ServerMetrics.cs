using Prometheus;

namespace Pipeline.Perf.ReferenceApi;

/// <summary>
/// The server-side latency histogram scraped before and after a RunP95 run: the stand-in for the Supabase
/// dashboard in the P95 delta check (AC3.2). Buckets are fine between 10 ms and 2 s so a P95 read from
/// them lands within a few percent of the true value. The name is Summarize's default dashboard metric.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>Growth from one bucket bound to the next: a P95 interpolated inside a bucket is off by well under 8 %.</summary>
    public const double BucketGrowth = 1.08;

    /// <summary>The histogram's name: what Summarize reads from the /metrics snapshots by default.</summary>
    public const string RequestDurationMetric = "pipeline_http_server_request_duration_seconds";

    /// <summary>5 ms to about 2.2 s in 8 % steps (3 significant digits, so the le labels stay readable), then 3 s and 5 s.</summary>
    public static readonly double[] Buckets = Enumerable.Range(0, 80)
        .Select(i => RoundToSignificantDigits(0.005 * Math.Pow(BucketGrowth, i), 3))
        .Concat([3.0, 5.0])
        .Distinct()
        .ToArray();

    public ServerMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        RequestDuration = Metrics.WithCustomRegistry(Registry).CreateHistogram(
            RequestDurationMetric,
            "Server-side duration of API requests, by endpoint (k6 name tag), method and status.",
            new HistogramConfiguration { LabelNames = ["endpoint", "method", "status"], Buckets = Buckets });
        // Publish the normal outcomes at zero, so the "before" snapshot already has every bucket to subtract.
        RequestDuration.WithLabels("chat", "POST", "200");
        RequestDuration.WithLabels("sync-jobs", "POST", "202");
    }

    public CollectorRegistry Registry { get; }

    public Histogram RequestDuration { get; }

    private static double RoundToSignificantDigits(double value, int digits)
    {
        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(value)));
        return Math.Round(value * scale) / scale;
    }
}
