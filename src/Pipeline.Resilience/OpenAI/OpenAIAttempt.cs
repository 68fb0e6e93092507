namespace Pipeline.Resilience.OpenAI;

/// <summary>One attempt of a call as the client saw it.</summary>
/// <param name="Number">1-based within the call.</param>
/// <param name="Sent">False when the open circuit breaker short-circuited the attempt (nothing reached the server).</param>
/// <param name="Status">HTTP status, or null when no answer arrived (timeout, connection failure, short circuit).</param>
/// <param name="Detail">The error message, or why no answer arrived.</param>
/// <param name="Decision">What the client did next, and why.</param>
public sealed record OpenAIAttempt(
    int Number,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool Sent,
    int? Status,
    OpenAIOutcomeClass Class,
    string? ErrorType,
    string? ErrorCode,
    string? Detail,
    string? RequestId,
    OpenAIRetryDecision Decision);
