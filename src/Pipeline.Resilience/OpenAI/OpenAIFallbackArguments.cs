namespace Pipeline.Resilience.OpenAI;

/// <summary>What a fallback knows about the failed call it stands in for.</summary>
public sealed record OpenAIFallbackArguments(string Scenario, OpenAIOutcomeClass Class, string Reason, CancellationToken CancellationToken);
