namespace Pipeline.Secrets.Scanning;

/// <summary>What a folder scan covered and found.</summary>
public sealed record DirectoryScanResult(
    IReadOnlyList<SecretFinding> Findings,
    int FilesScanned,
    long BytesScanned,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Duration)
{
    public double MebibytesPerSecond => Duration.TotalSeconds > 0 ? BytesScanned / 1048576.0 / Duration.TotalSeconds : 0;
}
