namespace Pipeline.Resilience.OpenAI;

/// <summary>The end of one call: its final class, every attempt, and the fallback answer when one was used.</summary>
/// <param name="Class">The final class (<see cref="OpenAIOutcomeClass.Success"/> when OpenAI answered).</param>
/// <param name="Body">OpenAI's answer body on success.</param>
/// <param name="FailureReason">Why the call failed, in one line that says what to do; null on success.</param>
/// <param name="FallbackAnswer">The degraded answer the fallback gave, when it was engaged.</param>
public sealed record OpenAICallResult(
    string Scenario,
    OpenAIOutcomeClass Class,
    int? Status,
    string? Body,
    IReadOnlyList<OpenAIAttempt> Attempts,
    TimeSpan Elapsed,
    string? FailureReason,
    string? FallbackAnswer)
{
    public bool Succeeded => Class == OpenAIOutcomeClass.Success;

    /// <summary>The caller got a fallback answer instead of OpenAI's.</summary>
    public bool Degraded => FallbackAnswer is not null;

    /// <summary>Attempts that reached the server (short-circuited ones did not).</summary>
    public int SentAttempts => Attempts.Count(a => a.Sent);

    /// <summary>The open breaker refused the call before anything was sent.</summary>
    public bool ShortCircuited => Attempts.Count > 0 && !Attempts[^1].Sent;

    public bool NeedsEscalation => OpenAIClassifier.NeedsEscalation(Class);

    /// <summary>The waits between attempts, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => Attempts.Where(a => a.Decision.Retry).Select(a => a.Decision.Delay).ToArray();

    /// <summary>Throws <see cref="OpenAICallException"/> unless OpenAI answered (a fallback answer does not count).</summary>
    internal OpenAICallResult EnsureSuccess() => Succeeded ? this : throw new OpenAICallException(this);
}
