using Polly;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// A failed attempt that the policy retries: which one, why, and how long it waits before the next.
/// <see cref="Context"/> is the call's Polly context (callers put their own properties on it).
/// </summary>
public sealed record PostgresRetryEvent(int Attempt, Exception Error, PostgresErrorKind Kind, bool ConnectionLost, TimeSpan Delay, ResilienceContext Context);
