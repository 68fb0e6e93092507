using System.Formats.Tar;
using System.IO.Compression;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The files inside a zip (and jar, nupkg, docx...), a tar, or a gzip stream (one entry: what it compresses,
/// itself often a tar). Entries are read in order, each before the next is asked for (tar streams cannot seek).
/// </summary>
internal static class ArchiveEntries
{
    public static IEnumerable<ArchiveEntry> Read(Stream archive, ContentKind kind, string archiveName) => kind switch
    {
        ContentKind.Zip => Zip(archive),
        ContentKind.Tar => Tar(archive),
        ContentKind.GZip => [new ArchiveEntry(GzipContentName(archiveName), () => new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true), null, Expands: true)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an archive the scanner opens"),
    };

    private static IEnumerable<ArchiveEntry> Zip(Stream archive)
    {
        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
            if (!entry.FullName.EndsWith('/')) yield return new ArchiveEntry(entry.FullName, entry.Open, entry.Length, Expands: true);
    }

    private static IEnumerable<ArchiveEntry> Tar(Stream archive)
    {
        using var tar = new TarReader(archive, leaveOpen: true);
        while (tar.GetNextEntry() is { } entry)
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
                yield return new ArchiveEntry(entry.Name, () => entry.DataStream ?? Stream.Null, entry.Length, Expands: false);
    }

    // logs.tar.gz holds logs.tar, app.log.gz holds app.log, backup.tgz holds a tar.
    private static string GzipContentName(string archiveName)
    {
        var name = Path.GetFileName(archiveName);
        if (name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)) return name[..^4] + ".tar";
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && name.Length > 3 ? name[..^3] : name;
    }
}
