namespace Pipeline.Perf.Dashboard;

/// <summary>Which kind of figure the delta is measured against.</summary>
public enum DashboardSource
{
    /// <summary>Typed from the Supabase dashboard (<c>--dashboard-p95</c>).</summary>
    Manual,

    /// <summary>A PromQL instant query against a Prometheus HTTP API.</summary>
    PrometheusQuery,

    /// <summary>Bucket deltas between the /metrics snapshots taken before and after the run.</summary>
    Snapshots,
}
