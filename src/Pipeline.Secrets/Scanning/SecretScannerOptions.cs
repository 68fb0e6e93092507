namespace Pipeline.Secrets.Scanning;

/// <summary>How the built-in scanner walks folders; every default is named so docs and tests can quote it.</summary>
public sealed record SecretScannerOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public const int DefaultMultilineWindow = 16 * 1024;
    public const string DefaultAllowComment = "pipeline:allow-secret";

    /// <summary>Files above this size are skipped and reported (minified bundles, dumps, data files).</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

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

    /// <summary>Extensions that are binary by definition, skipped without reading them.</summary>
    public IReadOnlySet<string> BinaryExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z",
        ".jar", ".war", ".dll", ".exe", ".so", ".dylib", ".a", ".o", ".class", ".pyc", ".woff", ".woff2", ".ttf", ".otf",
        ".eot", ".mp3", ".mp4", ".mov", ".avi", ".wav", ".sqlite", ".db", ".bin", ".nupkg", ".snk", ".pfx",
    };
}
