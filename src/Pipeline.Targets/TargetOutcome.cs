namespace Pipeline.Targets;

/// <summary>One row of the end-of-run summary.</summary>
internal sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, string? Note);
