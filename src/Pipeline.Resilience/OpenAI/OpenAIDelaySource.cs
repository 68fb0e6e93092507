namespace Pipeline.Resilience.OpenAI;

/// <summary>Where a retry delay came from, in the order the client looks for one.</summary>
public enum OpenAIDelaySource
{
    /// <summary><c>retry-after-ms</c>: milliseconds, sent by OpenAI and some gateways.</summary>
    RetryAfterMs,
    /// <summary><c>retry-after</c>: seconds (a float) or an HTTP date.</summary>
    RetryAfter,
    /// <summary><c>x-ratelimit-reset-requests</c> / <c>-tokens</c> (Go durations), for rate limits only.</summary>
    RateLimitReset,
    /// <summary>No usable header: Polly's exponential backoff (with its decorrelated jitter unless switched off).</summary>
    ExponentialBackoff,
}
