namespace Pipeline.Secrets.Scanning;

/// <summary>What a folder scan covered and found.</summary>
public sealed record DirectoryScanResult(
    IReadOnlyList<SecretFinding> Findings,
    int FilesScanned,
    long BytesScanned,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Duration)
{
    /// <summary>Every file the walk listed (scanned or skipped), relative like the findings; git-ignored files are not here.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public double MebibytesPerSecond => Duration.TotalSeconds > 0 ? BytesScanned / 1048576.0 / Duration.TotalSeconds : 0;
}
