namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>The whole drill: every scenario, and the evidence files written.</summary>
public sealed record OpenAIDrillResult(
    OpenAIDrillMode Mode,
    string Target,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<OpenAIDrillScenarioResult> Scenarios,
    string LogPath,
    string JUnitPath,
    string MarkdownPath)
{
    public bool Passed => Scenarios.Count > 0 && Scenarios.All(s => s.Passed);

    public int FailedCount => Scenarios.Count(s => !s.Passed);

    /// <summary>One line for the build summary, or the failure message that says which scenario failed and why.</summary>
    public string Headline => Passed
        ? $"{Scenarios.Count}/{Scenarios.Count} OpenAI {Mode.ToString().ToLowerInvariant()} scenarios passed in {Duration.TotalSeconds:0.0} s"
        : $"{FailedCount} of {Scenarios.Count} OpenAI {Mode.ToString().ToLowerInvariant()} scenarios failed: "
          + string.Join("; ", Scenarios.Where(s => !s.Passed).Select(s => $"{s.Name} (expected {string.Join(", ", s.Failures.Select(f => $"{f.Expectation}; saw {f.Observed}"))})"));
}
