namespace Pipeline.Evidence.Manifest;

/// <summary>One archived file: where it sits in the archive, its digest and size, who made it and for which criteria.</summary>
internal sealed record ManifestFile(
    string Path,
    string Sha256,
    long Size,
    string Deliverable,
    string ProducedBy,
    IReadOnlyList<string> Criteria,
    string? Engine = null);
