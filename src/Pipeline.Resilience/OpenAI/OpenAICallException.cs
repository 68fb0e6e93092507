namespace Pipeline.Resilience.OpenAI;

/// <summary>A failed OpenAI call, for callers that prefer an exception; the message says what failed and what to do.</summary>
internal sealed class OpenAICallException(OpenAICallResult result)
    : Exception($"OpenAI call '{result.Scenario}' failed ({result.Class}) after {result.Attempts.Count} attempt(s): {result.FailureReason}")
{
    public OpenAICallResult Result { get; } = result;
}
