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

    /// <summary>How the files were listed (git's tracked set, or a folder walk and why).</summary>
    public string Listing { get; init; } = "";

    /// <summary>What could not be read: gaps in the scan (accepted ones included).</summary>
    public IEnumerable<SkippedFile> Unscanned => Skipped.Where(s => s.Kind == SkipKind.Unscanned);

    public double MebibytesPerSecond => Duration.TotalSeconds > 0 ? BytesScanned / 1048576.0 / Duration.TotalSeconds : 0;
}
