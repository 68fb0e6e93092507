namespace Pipeline.Evidence.Verification;

/// <summary>What kind of mismatch verification found.</summary>
internal enum ProblemKind
{
    /// <summary>The archive itself cannot be opened or read.</summary>
    Unreadable,
    /// <summary>An entry name is absolute or climbs out with <c>..</c> (zip-slip).</summary>
    UnsafePath,
    /// <summary>Two entries share a name.</summary>
    Duplicate,
    /// <summary>manifest.json or the statement is absent, unreadable, or they disagree.</summary>
    Manifest,
    /// <summary>A file the manifest lists is not in the archive.</summary>
    Missing,
    /// <summary>An entry the manifest does not list.</summary>
    Extra,
    /// <summary>An entry whose digest or size differs from the manifest.</summary>
    Altered,
    /// <summary>A listed file is present under another name (same digest).</summary>
    Renamed,
    /// <summary>The secrets gate found a secret in an entry.</summary>
    Secret,
    /// <summary>The archive does not match the statement written beside it (the file meant to be signed).</summary>
    Statement,
}
