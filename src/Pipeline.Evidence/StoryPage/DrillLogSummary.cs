namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// What a drill or connectivity log says about itself: its <c>Result:</c> line (<see cref="Verdict"/>),
/// whether that means pass, and the recovery time per fault.
/// </summary>
internal sealed record DrillLogSummary(string? Verdict, bool? Passed, IReadOnlyList<string> RecoveryTimes)
{
    public static DrillLogSummary Empty { get; } = new(null, null, []);
}
