using Pipeline.Core.Runs;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>The outcome of <c>DrillSupabase</c>: the connectivity test, the downtime drill when it ran, and the evidence files written.</summary>
/// <param name="ConnectivityLog">The connectivity log relative to the repository root (named in the failure line).</param>
/// <param name="DrillLog">The downtime drill's log relative to the repository root, when the drill ran.</param>
/// <param name="EvidenceFiles">Full paths of every file written.</param>
public sealed record SupabaseDrillResult(ConnectivityResult Connectivity, string ConnectivityLog, DowntimeDrillResult? Drill, string? DrillLog,
    IReadOnlyList<string> EvidenceFiles) : IRunResult
{
    /// <summary>Fails when the database is unreachable or unhealthy, or the downtime drill found a problem: what went wrong and where to look.</summary>
    public RunOutcome Outcome =>
        !Connectivity.Healthy ? RunOutcome.Failed($"{Connectivity.Failure!.Message} (see {ConnectivityLog})")
        : Drill is { Passed: false } ? RunOutcome.Failed($"The downtime drill failed: {string.Join("; ", Drill.Problems)} (see {DrillLog})")
        : RunOutcome.Passed;

    /// <summary>One line for the build summary.</summary>
    public string Headline
    {
        get
        {
            var connectivity = Connectivity.Healthy
                ? $"select 1 p95 {Connectivity.Latency?.P95.TotalMilliseconds:0.00} ms"
                : $"UNHEALTHY at {Connectivity.Failure!.Step}";
            if (Drill is null) return connectivity;
            var recovery = Drill.Faults.Where(f => !f.Skipped).Select(f => f.Recovery).Max();
            return $"{connectivity}; drill {(Drill.Passed ? "passed" : "FAILED")}, max recovery {recovery?.TotalMilliseconds:0} ms, {Drill.Vanished.Count} queries lost";
        }
    }
}
