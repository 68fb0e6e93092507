namespace Pipeline.Resilience.Postgres;

/// <summary>Why the connectivity test failed: the step, the kind (retrying helps only for transient ones) and what to do.</summary>
public sealed record ConnectivityFailure(string Step, PostgresErrorKind Kind, string Message, string? SqlState = null)
{
    public bool IsTransient => Kind == PostgresErrorKind.Transient;
}
