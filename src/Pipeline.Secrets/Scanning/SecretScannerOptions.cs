namespace Pipeline.Secrets.Scanning;

/// <summary>How the built-in scanner walks folders; every default is named so docs and tests can quote it.</summary>
public sealed record SecretScannerOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public const int DefaultMultilineWindow = 16 * 1024;
    public const string DefaultAllowComment = "pipeline:allow-secret";

    public const int DefaultMaxArchiveDepth = 4;
    public const long DefaultMaxArchiveExpandedBytes = 1L << 30;

    /// <summary>Files up to this size are read whole; larger ones are streamed in overlapping chunks (never skipped).</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Archives inside archives are opened down to this depth; deeper ones are listed as unscanned.</summary>
    public int MaxArchiveDepth { get; init; } = DefaultMaxArchiveDepth;

    /// <summary>What one archive, nested ones included, may expand to; past it the rest is listed as unscanned (zip bombs).</summary>
    public long MaxArchiveExpandedBytes { get; init; } = DefaultMaxArchiveExpandedBytes;

    /// <summary>How far after its first line a multi-line match (a PEM block) may reach.</summary>
    public int MultilineWindow { get; init; } = DefaultMultilineWindow;

    /// <summary>A line containing this marker is never reported (an accepted, reviewed value).</summary>
    public string AllowComment { get; init; } = DefaultAllowComment;

    public bool HonourGitIgnore { get; init; } = true;

    /// <summary>
    /// Folders (absolute paths) left out of a walk and listed as skipped with their reason, e.g. test results,
    /// which echo the tests' planted data. Naming such a folder as the scan root still scans it.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExcludedFolders { get; init; } = new Dictionary<string, string>();

    /// <summary>Files scanned in parallel; defaults to the machine's cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Called after each file of a folder scan with (files done, files in total), from worker threads.</summary>
    public Action<int, int>? OnFileScanned { get; init; }
}
