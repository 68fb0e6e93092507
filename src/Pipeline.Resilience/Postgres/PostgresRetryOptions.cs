namespace Pipeline.Resilience.Postgres;

/// <summary>
/// The retry policy for PostgreSQL calls (Polly v8 style: defaults are named constants, which the runbook
/// quotes and a test keeps in sync). Exponential backoff with jitter; only transient failures
/// (<see cref="PostgresErrorClassifier"/>) are retried; each attempt has its own timeout so a black-holed
/// connection cannot hang a call.
/// </summary>
public sealed record PostgresRetryOptions
{
    public const int DefaultMaxRetryAttempts = 10;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);
    public const bool DefaultUseJitter = true;

    /// <summary>Retries after the first attempt; with the delays below they cover an outage of ~31 s (see RetryBudget).</summary>
    public int MaxRetryAttempts { get; init; } = DefaultMaxRetryAttempts;

    /// <summary>The first retry's (median) delay; each next one doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;

    public TimeSpan MaxDelay { get; init; } = DefaultMaxDelay;

    /// <summary>Jitter spreads the retries of many clients so that a recovering server is not hit all at once.</summary>
    public bool UseJitter { get; init; } = DefaultUseJitter;

    /// <summary>Deadline of one attempt (connect plus query); a timed-out attempt counts as transient.</summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>The longest total wait the retries can add: the sum of the capped, un-jittered delays.</summary>
    public TimeSpan RetryBudget => TimeSpan.FromTicks(Enumerable.Range(0, MaxRetryAttempts)
        .Sum(n => Math.Min(MaxDelay.Ticks, (long)(BaseDelay.Ticks * Math.Pow(2, n)))));

    public void Validate()
    {
        if (MaxRetryAttempts < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "must be 0 or more");
        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay) throw new ArgumentException($"BaseDelay ({BaseDelay}) must be positive and not above MaxDelay ({MaxDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "must be positive");
    }
}
