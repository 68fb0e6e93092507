using Pipeline.Core.Runs;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>The whole drill: every scenario, and the evidence files written.</summary>
/// <param name="MarkdownFile">The Markdown report relative to the repository root, named in the failure line.</param>
public sealed record OpenAIDrillResult(
    OpenAIDrillMode Mode,
    string Target,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<OpenAIDrillScenarioResult> Scenarios,
    string LogPath,
    string JUnitPath,
    string MarkdownPath,
    string MarkdownFile) : IRunResult
{
    /// <summary>Fails unless at least one scenario ran and every scenario met its expectations.</summary>
    public RunOutcome Outcome => RunOutcome.FailedIf(AllPassed ? null : $"{Headline}. Details: {MarkdownFile}");

    public int FailedCount => Scenarios.Count(s => !s.Passed);

    /// <summary>One line for the build summary, or the failure message that says which scenario failed and why.</summary>
    public string Headline => AllPassed
        ? $"{Scenarios.Count}/{Scenarios.Count} OpenAI {Mode.ToString().ToLowerInvariant()} scenarios passed in {Duration.TotalSeconds:0.0} s"
        : Scenarios.Count == 0 ? $"no OpenAI {Mode.ToString().ToLowerInvariant()} scenario ran"
        : $"{FailedCount} of {Scenarios.Count} OpenAI {Mode.ToString().ToLowerInvariant()} scenarios failed: "
          + string.Join("; ", Scenarios.Where(s => !s.Passed).Select(s => $"{s.Name} (expected {string.Join(", ", s.Failures.Select(f => $"{f.Expectation}; saw {f.Observed}"))})"));

    public IReadOnlyList<string> EvidenceFiles => [LogPath, JUnitPath, MarkdownPath];

    private bool AllPassed => Scenarios.Count > 0 && Scenarios.All(s => s.Passed);
}
