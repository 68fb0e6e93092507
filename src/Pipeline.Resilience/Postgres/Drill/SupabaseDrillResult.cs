namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>The outcome of <c>DrillSupabase</c>: the evidence files written and why it failed, if it did.</summary>
public sealed record SupabaseDrillResult(ConnectivityResult Connectivity, string ConnectivityLog, DowntimeDrillResult? Drill, string? DrillLog)
{
    public bool Passed => Connectivity.Healthy && (Drill?.Passed ?? true);

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

    /// <summary>The message a failed run ends with: what went wrong and where to look.</summary>
    public string FailureMessage =>
        !Connectivity.Healthy
            ? $"{Connectivity.Failure!.Message} (see {ConnectivityLog})"
            : $"The downtime drill failed: {string.Join("; ", Drill!.Problems)} (see {DrillLog})";
}
