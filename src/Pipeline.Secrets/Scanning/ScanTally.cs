namespace Pipeline.Secrets.Scanning;

/// <summary>What scanning one file (and the archive entries inside it) produced; filled by one thread.</summary>
internal sealed class ScanTally
{
    public List<SecretFinding> Findings { get; } = [];
    public List<SkippedFile> Skipped { get; } = [];

    /// <summary>Paths of archive entries seen, scanned as text like file names (a secret can be a name).</summary>
    public List<string> EntryNames { get; } = [];

    /// <summary>Bytes read as text (archive entries expanded).</summary>
    public long BytesScanned { get; set; }

    public void Skip(string path, string reason, SkipKind kind, long bytes) => Skipped.Add(new SkippedFile(path, reason, kind, bytes));
}
