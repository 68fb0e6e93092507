namespace Pipeline.Evidence.StoryPage;

/// <summary>Where an acceptance criterion stands according to the evidence.</summary>
public enum CriterionStatus
{
    Met,
    Partial,
    NotMet,
}
