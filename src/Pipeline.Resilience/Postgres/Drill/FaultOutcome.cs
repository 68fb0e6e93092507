namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// What one injected fault did. <see cref="Recovery"/> runs from the moment the fault was cleared to the
/// first successful query after it (the client's part of the outage); <see cref="Disruption"/> from the
/// first failed attempt to that success (what a user saw). Times are offsets from the drill's start.
/// </summary>
public sealed record FaultOutcome(string Name, string Description)
{
    public TimeSpan StartedAt { get; init; }
    public TimeSpan ClearedAt { get; init; }
    public TimeSpan? RecoveredAt { get; init; }
    public int FailedAttempts { get; init; }
    public int QueriesRetried { get; init; }
    public int QueriesFailed { get; init; }
    public int ConnectionLosses { get; init; }
    public LatencySummary? Latency { get; init; }
    public string? SkipReason { get; init; }
    public TimeSpan? FirstFailureAt { get; init; }

    public bool Skipped => SkipReason is not null;
    public TimeSpan? Recovery => RecoveredAt - ClearedAt;
    public TimeSpan? Disruption => FirstFailureAt is { } first && RecoveredAt is { } recovered ? recovered - first : TimeSpan.Zero;
}
