namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// One numbered query of the drill's workload. Times are offsets from the drill's start.
/// <see cref="AlreadyApplied"/> marks a retry that found its row written: the server had run the
/// query but the answer was lost (reset mid-query), and the idempotent retry did not run it twice.
/// </summary>
public sealed record QueryRecord(long Number, int Worker, TimeSpan IssuedAt, TimeSpan? CompletedAt, int Attempts,
    QueryOutcome Outcome, string? Error, bool AlreadyApplied)
{
    public TimeSpan? Latency => CompletedAt - IssuedAt;
}
