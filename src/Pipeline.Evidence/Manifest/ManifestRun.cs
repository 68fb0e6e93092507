namespace Pipeline.Evidence.Manifest;

/// <summary>The run that built the archive: when, where, from which commit, with which versions.</summary>
internal sealed record ManifestRun(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Host,
    string? GitCommit,
    string? GitBranch,
    bool? GitDirty,
    string Pipeline,
    string Runtime,
    string OperatingSystem,
    string SecretGate);
