namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// Decides, after each attempt, whether to retry and, when the server dictates it (<c>retry-after-ms</c>, <c>retry-after</c>,
/// <c>x-ratelimit-reset-*</c>), how long to wait; otherwise the wait is Polly's exponential backoff, which the client
/// configures and records. Pure: the clock reading and the remaining budget come in as arguments, so every branch is
/// testable without waiting.
/// </summary>
internal sealed class OpenAIRetryPolicy(OpenAIClientOptions options)
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
            if (wait.Wait > remainingBudget)
                return OpenAIRetryDecision.Stop(
                    $"fail fast: a wait of {Describe(wait.Wait)} ({wait.Header}: {wait.Value}) would outlast the remaining {Describe(remainingBudget)} of the total timeout");
            decision = new(true, wait.Wait, wait.Source, $"{wait.Header}: {wait.Value}");
        }
        else
        {
            // Polly's retry strategy computes this wait after the decision (the client records the delay it chose);
            // should it outlast the total timeout, the total timeout ends the call during the wait and says so.
            decision = new(true, TimeSpan.Zero, OpenAIDelaySource.ExponentialBackoff,
                $"exponential backoff{(Options.UseJitter ? " with jitter" : "")}, retry {retriesSoFar + 1} (base {Describe(Options.BaseDelay)}, cap {Describe(Options.MaxBackoffDelay)})");
        }
        return shouldRetry == "true" && outcome == OpenAIOutcomeClass.Fatal
            ? decision with { Reason = decision.Reason + "; x-should-retry: true" }
            : decision;
    }

    internal static string Describe(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms"
        : span < TimeSpan.FromMinutes(2) ? $"{span.TotalSeconds:0.###} s"
        : $"{span.TotalMinutes:0.#} min";
}
