using System.IO.Compression;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>Copies an archive entry by entry, letting a test change, drop, rename or add entries, as an attacker would.</summary>
internal static class ZipTamper
{
    public delegate (string Name, byte[] Bytes)? EntryEdit(string name, byte[] bytes);

    public static string Rewrite(string archive, EntryEdit edit, params (string Name, byte[] Bytes)[] added)
    {
        var output = Path.Combine(Path.GetDirectoryName(archive)!, $"tampered-{Guid.NewGuid():N}.zip");
        using (var source = ZipFile.OpenRead(archive))
        using (var target = ZipFile.Open(output, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                using var memory = new MemoryStream();
                using (var stream = entry.Open()) stream.CopyTo(memory);
                if (edit(entry.FullName, memory.ToArray()) is not { } kept) continue;
                using var written = target.CreateEntry(kept.Name).Open();
                written.Write(kept.Bytes);
            }
            foreach (var (name, bytes) in added)
            {
                using var written = target.CreateEntry(name).Open();
                written.Write(bytes);
            }
        }
        return output;
    }

    public static byte[] FlipFirstByte(byte[] bytes)
    {
        var copy = bytes.ToArray();
        if (copy.Length == 0) return [0x42];
        copy[0] ^= 0x01;
        return copy;
    }
}
