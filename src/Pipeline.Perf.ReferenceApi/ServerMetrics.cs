using Prometheus;

namespace Pipeline.Perf.ReferenceApi;

/// <summary>
/// The server-side latency histogram scraped before and after a RunP95 run: the stand-in for the Supabase
/// dashboard in the P95 delta check (AC3.2). Buckets are fine between 10 ms and 2 s so a P95 read from
/// them lands within a few percent of the true value. The name is Summarize's default dashboard metric.
/// </summary>
public sealed class ServerMetrics
{
    public static readonly double[] Buckets =
    [
        0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.75, 2.0, 3.0, 5.0,
    ];

    public ServerMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        RequestDuration = Metrics.WithCustomRegistry(Registry).CreateHistogram(
            "pipeline_http_server_request_duration_seconds",
            "Server-side duration of API requests, by endpoint (k6 name tag), method and status.",
            new HistogramConfiguration { LabelNames = ["endpoint", "method", "status"], Buckets = Buckets });
        // Publish the normal outcomes at zero, so the "before" snapshot already has every bucket to subtract.
        RequestDuration.WithLabels("chat", "POST", "200");
        RequestDuration.WithLabels("sync-jobs", "POST", "202");
    }

    public CollectorRegistry Registry { get; }

    public Histogram RequestDuration { get; }
}
