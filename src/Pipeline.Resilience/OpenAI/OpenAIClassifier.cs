using System.Net.Sockets;
using Polly.Timeout;

namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// The one place that decides what an OpenAI answer means. The official SDKs retry every 429; this tells a
/// rate limit (wait and retry) from an exhausted quota (retrying never helps, billing must act).
/// </summary>
internal static class OpenAIClassifier
{
    private static readonly HashSet<string> QuotaCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "insufficient_quota", "credit_balance_exhausted", "billing_hard_limit_reached",
    };

    /// <summary>Classifies one attempt from its status and error body, or from the exception that ended it.</summary>
    /// <param name="status">HTTP status, or null when no answer arrived.</param>
    /// <param name="error">The parsed error body, if the answer had one.</param>
    /// <param name="failure">Why no usable answer arrived: a timeout, a connection failure, a malformed body.</param>
    public static OpenAIOutcomeClass Classify(int? status, OpenAIErrorBody? error = null, Exception? failure = null)
    {
        if (failure is not null) return ClassifyFailure(failure);
        return status switch
        {
            >= 200 and < 300 => OpenAIOutcomeClass.Success,
            429 when IsQuota(error) => OpenAIOutcomeClass.QuotaExhausted,
            429 => OpenAIOutcomeClass.RateLimited,
            401 or 403 => OpenAIOutcomeClass.AuthRejected,
            408 or 409 or >= 500 and < 600 => OpenAIOutcomeClass.Transient,
            _ => OpenAIOutcomeClass.Fatal,
        };
    }

    /// <summary>Only these are worth another attempt; quota and auth need a person, fatal needs a code fix.</summary>
    public static bool IsRetryable(OpenAIOutcomeClass outcome) =>
        outcome is OpenAIOutcomeClass.RateLimited or OpenAIOutcomeClass.Transient;

    /// <summary>Outcomes that no retry or wait can fix: a person must act (billing, key rotation).</summary>
    public static bool NeedsEscalation(OpenAIOutcomeClass outcome) =>
        outcome is OpenAIOutcomeClass.QuotaExhausted or OpenAIOutcomeClass.AuthRejected;

    private static bool IsQuota(OpenAIErrorBody? error) =>
        error is not null && (string.Equals(error.Type, "insufficient_quota", StringComparison.OrdinalIgnoreCase)
                              || (error.Code is not null && QuotaCodes.Contains(error.Code)));

    private static OpenAIOutcomeClass ClassifyFailure(Exception failure) => failure switch
    {
        TimeoutRejectedException or TimeoutException => OpenAIOutcomeClass.Transient,
        HttpRequestException or IOException or SocketException => OpenAIOutcomeClass.Transient,
        _ => OpenAIOutcomeClass.Fatal,
    };
}
