namespace Pipeline.Resilience.Postgres;

/// <summary>How a connectivity step ended; Info steps report facts (version, pooler) that cannot fail.</summary>
public enum StepOutcome
{
    Pass,
    Fail,
    Info,
    Skipped,
}
