namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>A snapshot for the progress display: the current phase and the query counts so far.</summary>
public sealed record DowntimeDrillProgress(string Phase, int PhaseNumber, int PhaseCount, int Succeeded, int Failed, int InFlight, int FailedAttempts);
