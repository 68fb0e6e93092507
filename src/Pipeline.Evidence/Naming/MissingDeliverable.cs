using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>A deliverable with no correctly named file for the evidence date.</summary>
internal sealed record MissingDeliverable(Deliverable Deliverable, string ExpectedPath);
