namespace Pipeline.Evidence.Archive;

/// <summary>How an archive run ended.</summary>
public enum ArchiveStatus
{
    /// <summary>The archive, manifest, statement and page were written and the archive verified.</summary>
    Archived,
    /// <summary>The secrets gate found something; nothing was archived.</summary>
    BlockedBySecrets,
    /// <summary>No deliverable of the evidence date exists.</summary>
    NothingToArchive,
}
