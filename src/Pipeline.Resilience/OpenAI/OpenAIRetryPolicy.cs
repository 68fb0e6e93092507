namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// Decides, after each attempt, whether to retry and how long to wait. Pure: the clock reading, the remaining
/// budget and the jitter come in as arguments or from the options, so every branch is testable without waiting.
/// </summary>
public sealed class OpenAIRetryPolicy(OpenAIClientOptions options)
{
    public OpenAIClientOptions Options { get; } = options;

    /// <param name="outcome">The attempt's class.</param>
    /// <param name="headers">The attempt's answer headers (case-insensitive), empty when none arrived.</param>
    /// <param name="retriesSoFar">0 after the first attempt, 1 after the second...</param>
    /// <param name="remainingBudget">What is left of the total timeout.</param>
    public OpenAIRetryDecision Decide(OpenAIOutcomeClass outcome, IReadOnlyDictionary<string, string> headers, int retriesSoFar,
        TimeSpan remainingBudget, DateTimeOffset now)
    {
        switch (outcome)
        {
            case OpenAIOutcomeClass.Success:
                return OpenAIRetryDecision.Stop("succeeded");
            case OpenAIOutcomeClass.QuotaExhausted:
                return OpenAIRetryDecision.Stop("quota exhausted: waiting does not help, billing must act");
            case OpenAIOutcomeClass.AuthRejected:
                return OpenAIRetryDecision.Stop("key rejected: it must be rotated or fixed, retrying does not help");
        }

        var shouldRetry = headers.TryGetValue("x-should-retry", out var flag) ? flag.Trim().ToLowerInvariant() : null;
        if (shouldRetry == "false") return OpenAIRetryDecision.Stop("the server sent x-should-retry: false");
        if (!OpenAIClassifier.IsRetryable(outcome) && shouldRetry != "true")
            return OpenAIRetryDecision.Stop("fatal: the request or the endpoint is wrong, retrying does not help");
        if (retriesSoFar >= Options.MaxRetryAttempts)
            return OpenAIRetryDecision.Stop($"retries exhausted ({Options.MaxRetryAttempts} of {Options.MaxRetryAttempts})");

        OpenAIRetryDecision decision;
        if (OpenAIServerWait.Read(headers, outcome, now) is { } wait)
        {
            if (wait.Wait > Options.MaxServerWait)
                return OpenAIRetryDecision.Stop(
                    $"fail fast: the server asked to wait {Describe(wait.Wait)} ({wait.Header}: {wait.Value}), above the {Describe(Options.MaxServerWait)} cap");
            decision = new(true, wait.Wait, wait.Source, $"{wait.Header}: {wait.Value}");
        }
        else
        {
            var delay = Backoff(retriesSoFar);
            decision = new(true, delay, OpenAIDelaySource.ExponentialBackoff,
                $"exponential backoff, retry {retriesSoFar + 1}: {Describe(BackoffCeiling(retriesSoFar))} with jitter");
        }
        if (shouldRetry == "true" && outcome == OpenAIOutcomeClass.Fatal)
            decision = decision with { Reason = decision.Reason + "; x-should-retry: true" };

        return decision.Delay > remainingBudget
            ? OpenAIRetryDecision.Stop($"fail fast: a wait of {Describe(decision.Delay)} ({decision.Reason}) would outlast the remaining {Describe(remainingBudget)} of the total timeout")
            : decision;
    }

    /// <summary>The backoff before retry <paramref name="retriesSoFar"/>+1: the ceiling shortened by up to <see cref="OpenAIClientOptions.JitterRatio"/>.</summary>
    public TimeSpan Backoff(int retriesSoFar)
    {
        var random = Math.Clamp(Options.Randomizer(), 0, 1);
        return BackoffCeiling(retriesSoFar) * (1 - Options.JitterRatio * random);
    }

    /// <summary><c>min(MaxBackoffDelay, BaseDelay × 2^retriesSoFar)</c>.</summary>
    public TimeSpan BackoffCeiling(int retriesSoFar)
    {
        var factor = Math.Pow(2, Math.Min(retriesSoFar, 30));
        var ticks = Math.Min(Options.BaseDelay.Ticks * factor, Options.MaxBackoffDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    internal static string Describe(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms"
        : span < TimeSpan.FromMinutes(2) ? $"{span.TotalSeconds:0.###} s"
        : $"{span.TotalMinutes:0.#} min";
}
