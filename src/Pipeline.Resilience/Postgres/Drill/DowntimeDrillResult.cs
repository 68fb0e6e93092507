namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>The drill's evidence: every fault, every numbered query, the server-side check, and why it failed if it did.</summary>
public sealed record DowntimeDrillResult
{
    public required string Endpoint { get; init; }
    public required string Source { get; init; }
    public required string ProxyEndpoint { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required DowntimeDrillSettings Settings { get; init; }
    public required IReadOnlyList<FaultOutcome> Faults { get; init; }
    public required IReadOnlyList<QueryRecord> Queries { get; init; }
    public required IReadOnlyList<string> Timeline { get; init; }

    /// <summary>Numbers of the queries found written on the server at the end.</summary>
    public required IReadOnlySet<long> RowsOnServer { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }
    public LatencySummary? BaselineLatency { get; init; }

    public int Succeeded => Queries.Count(q => q.Outcome == QueryOutcome.Succeeded);
    public int Failed => Queries.Count(q => q.Outcome == QueryOutcome.Failed);

    /// <summary>Queries with no outcome, or reported done but missing on the server.</summary>
    public IReadOnlyList<long> Vanished => Queries
        .Where(q => q.Outcome == QueryOutcome.Pending || (q.Outcome == QueryOutcome.Succeeded && !RowsOnServer.Contains(q.Number)))
        .Select(q => q.Number).ToArray();

    public bool Passed => Problems.Count == 0;
}
