using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>Everything seen while one scenario ran: the client's calls, the stub's records, breaker changes, the client's log.</summary>
/// <param name="StubAttempts">What the stub received; null in live mode (no stub).</param>
/// <param name="HealedAt">When the stub's scripted failure ended, for scenarios that measure recovery after healing.</param>
public sealed record OpenAIDrillObservation(
    string Scenario,
    IReadOnlyList<OpenAICallResult> Calls,
    IReadOnlyList<OpenAIStubAttempt>? StubAttempts,
    IReadOnlyList<OpenAIBreakerTransition> BreakerTransitions,
    IReadOnlyList<string> ClientLog,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    DateTimeOffset? HealedAt = null)
{
    public IEnumerable<OpenAIAttempt> Attempts => Calls.SelectMany(c => c.Attempts);

    public int ClientSentAttempts => Calls.Sum(c => c.SentAttempts);

    public int ShortCircuitedCalls => Calls.Count(c => c.ShortCircuited);

    public OpenAIOutcomeClass FinalClass => Calls.Count > 0 ? Calls[^1].Class : OpenAIOutcomeClass.Fatal;

    public IReadOnlyList<TimeSpan> Waits => Calls.SelectMany(c => c.Waits).ToArray();

    /// <summary>From the first failed attempt to the end of the first successful one; null when nothing failed or nothing recovered.</summary>
    public TimeSpan? RecoveryTime
    {
        get
        {
            var attempts = Attempts.ToArray();
            var firstFailure = attempts.FirstOrDefault(a => a.Class != OpenAIOutcomeClass.Success);
            var firstSuccess = attempts.FirstOrDefault(a => a.Class == OpenAIOutcomeClass.Success && firstFailure is not null && a.StartedAt >= firstFailure.StartedAt);
            return firstFailure is null || firstSuccess is null ? null : firstSuccess.StartedAt + firstSuccess.Duration - firstFailure.StartedAt;
        }
    }

    /// <summary>From the moment the stub healed to the end of the first successful attempt after it.</summary>
    public TimeSpan? RecoveryAfterHeal
    {
        get
        {
            if (HealedAt is not { } healed) return null;
            var success = Attempts.FirstOrDefault(a => a.Class == OpenAIOutcomeClass.Success && a.StartedAt + a.Duration >= healed);
            return success is null ? null : success.StartedAt + success.Duration - healed;
        }
    }
}
