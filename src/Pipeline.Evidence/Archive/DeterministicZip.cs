using System.IO.Compression;
using Pipeline.Evidence.Verification;

namespace Pipeline.Evidence.Archive;

/// <summary>
/// Writes a zip whose bytes depend only on the entries' names and contents: entries sorted by name
/// (ordinal), one fixed timestamp, fixed permissions, no directory entries. Two runs over the same files
/// give the same archive, so its own digest can be compared.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>The earliest time a zip (DOS) timestamp can hold; no clock or time zone can change it.</summary>
    public static DateTimeOffset EntryTimestamp { get; } = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // rw-r--r-- in the upper 16 bits, as Info-ZIP stores Unix permissions.
    private const int RegularFileAttributes = unchecked((int)0x81A4_0000);

    public static void Write(Stream output, IEnumerable<ArchiveEntrySource> entries)
    {
        var sorted = entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var duplicate = sorted.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two archive entries are both named '{duplicate.Key}'.", nameof(entries));
        foreach (var entry in sorted)
        {
            if (ArchiveEntryPath.Problem(entry.Name) is { } problem)
                throw new ArgumentException($"Refusing to write archive entry '{entry.Name}': {problem}.", nameof(entries));
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var source in sorted)
        {
            var entry = zip.CreateEntry(source.Name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTimestamp;
            entry.ExternalAttributes = RegularFileAttributes;
            using var target = entry.Open();
            using var content = source.Open();
            content.CopyTo(target);
        }
    }
}
