using Polly.CircuitBreaker;

namespace Pipeline.Resilience.OpenAI;

/// <summary>A circuit breaker state change, with the time it happened (the drill measures recovery from these).</summary>
public sealed record OpenAIBreakerTransition(DateTimeOffset At, CircuitState State, string Reason);
