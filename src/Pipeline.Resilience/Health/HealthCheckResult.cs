using Pipeline.Core.Runs;
using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Health;

/// <summary>The outcome of one health check and the files it wrote (paths relative to the repository root; <see cref="EvidenceFiles"/> full).</summary>
public sealed record HealthCheckResult(ConnectivityResult Connectivity, HealthDiff Diff, string HistoryFile, string DiffFile, string ConnectivityLog,
    int HistoryRecords, int Pruned, int UnreadableLines, IReadOnlyList<string> EvidenceFiles) : IRunResult
{
    /// <summary>Fails when the database is unhealthy, naming why and the diff that records it.</summary>
    public RunOutcome Outcome => Connectivity.Healthy
        ? RunOutcome.Passed
        : RunOutcome.Failed($"The database is unhealthy: {Connectivity.Failure!.Message} (see {DiffFile})");

    public string Headline =>
        (Connectivity.Healthy ? $"healthy, select 1 p95 {Connectivity.Latency?.P95.TotalMilliseconds:0.00} ms" : $"UNHEALTHY at {Connectivity.Failure!.Step}") +
        $"; {Diff.Changes.Count} changes vs previous run; history {HistoryRecords} runs ({Pruned} pruned)";
}
