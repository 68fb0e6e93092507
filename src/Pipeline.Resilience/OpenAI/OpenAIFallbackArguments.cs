namespace Pipeline.Resilience.OpenAI;

/// <summary>What a fallback knows about the failed call it stands in for.</summary>
internal sealed record OpenAIFallbackArguments(string Scenario, OpenAIOutcomeClass Class, string Reason, CancellationToken CancellationToken);
