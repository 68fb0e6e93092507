namespace Pipeline.Evidence.StoryPage;

/// <summary>One row of the evidence page: a criterion, its status with the reason, its files and figures.</summary>
internal sealed record CriterionAssessment(
    string Criterion,
    string Summary,
    CriterionStatus Status,
    string Reason,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Figures);
