namespace Pipeline.Evidence.Catalogue;

/// <summary>One acceptance criterion of the story, with the short English summary the evidence page shows.</summary>
internal sealed record AcceptanceCriterion(string Id, string Summary);
