namespace Pipeline.Resilience.Health;

/// <summary>One difference between two health checks that someone should look at.</summary>
public sealed record HealthChange(string What, string Previous, string Current, string Meaning);
