namespace Pipeline.Resilience.OpenAI;

/// <summary>What an OpenAI answer (or the lack of one) means for the caller; decides retry, breaker and escalation.</summary>
public enum OpenAIOutcomeClass
{
    /// <summary>A 2xx with an OpenAI JSON body.</summary>
    Success,
    /// <summary>429 that is not about quota (<c>rate_limit_exceeded</c> or no type): wait and retry.</summary>
    RateLimited,
    /// <summary>429 with <c>error.type = insufficient_quota</c>: billing must act; retrying never helps.</summary>
    QuotaExhausted,
    /// <summary>401/403: the key is revoked, invalid or lacks permission; a person must rotate or fix it.</summary>
    AuthRejected,
    /// <summary>408, 409, 5xx, timeouts, connection failures: likely to pass on a later attempt.</summary>
    Transient,
    /// <summary>Any other 4xx, or an answer that is not OpenAI JSON: the request or the endpoint is wrong.</summary>
    Fatal,
}
