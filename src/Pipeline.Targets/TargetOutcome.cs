namespace Pipeline.Targets;

/// <summary>One row of the end-of-run summary.</summary>
public sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, string? Note);
