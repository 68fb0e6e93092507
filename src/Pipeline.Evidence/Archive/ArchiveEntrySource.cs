namespace Pipeline.Evidence.Archive;

/// <summary>One entry to write: its name inside the archive (forward slashes) and where its bytes come from.</summary>
internal sealed record ArchiveEntrySource(string Name, Func<Stream> Open)
{
    public static ArchiveEntrySource FromFile(string name, string path) => new(name, () => File.OpenRead(path));

    public static ArchiveEntrySource FromBytes(string name, byte[] bytes) => new(name, () => new MemoryStream(bytes, writable: false));
}
