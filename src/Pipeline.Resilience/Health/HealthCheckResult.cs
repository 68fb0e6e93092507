using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Health;

/// <summary>The outcome of one health check and the files it wrote (paths relative to the repository root).</summary>
public sealed record HealthCheckResult(ConnectivityResult Connectivity, HealthDiff Diff, string HistoryFile, string DiffFile, string ConnectivityLog,
    int HistoryRecords, int Pruned, int UnreadableLines)
{
    public bool Healthy => Connectivity.Healthy;

    public string Headline =>
        (Healthy ? $"healthy, select 1 p95 {Connectivity.Latency?.P95.TotalMilliseconds:0.00} ms" : $"UNHEALTHY at {Connectivity.Failure!.Step}") +
        $"; {Diff.Changes.Count} changes vs previous run; history {HistoryRecords} runs ({Pruned} pruned)";
}
