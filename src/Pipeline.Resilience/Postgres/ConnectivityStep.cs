namespace Pipeline.Resilience.Postgres;

/// <summary>One line of the connectivity test: what was checked, whether it passed, how long it took.</summary>
public sealed record ConnectivityStep(string Name, StepOutcome Outcome, string Detail, TimeSpan? Duration = null);
