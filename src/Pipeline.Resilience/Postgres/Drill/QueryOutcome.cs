namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>Where a numbered query of the drill ended.</summary>
public enum QueryOutcome
{
    /// <summary>Never finished: a query that vanished (a drill bug or a hung call); fails the drill.</summary>
    Pending,
    Succeeded,

    /// <summary>Gave up after the retries or on a non-transient error; reported with its reason.</summary>
    Failed,
}
