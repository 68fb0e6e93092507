namespace Pipeline.Secrets.Scanning;

/// <summary>
/// One file inside an archive: its path there, how to read it, its size when the archive says, and whether
/// reading it decompresses (those bytes count against the expansion bound; a tar entry's bytes were counted
/// already where the tar itself was read).
/// </summary>
internal sealed record ArchiveEntry(string Name, Func<Stream> Open, long? Length, bool Expands);
