namespace Pipeline.Evidence.Manifest;

/// <summary>A deliverable the archive does not hold, or holds under a wrong name (<see cref="FoundAs"/>).</summary>
internal sealed record ManifestGap(string Deliverable, string ExpectedPath, IReadOnlyList<string> Criteria, bool Required, string? FoundAs = null);
