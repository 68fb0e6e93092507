namespace Pipeline.Evidence.StoryPage;

/// <summary>Where an acceptance criterion stands according to the evidence.</summary>
internal enum CriterionStatus
{
    Met,
    Partial,
    NotMet,
}
