namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Recognises content by its magic bytes, never by its name alone (a secret renamed to <c>notes.png</c> is still
/// scanned): archives the scanner opens (zip and its family, gzip, tar), archives it cannot open, and binary
/// formats that hold no readable secrets (images, fonts, media, executables). Everything else is scanned as text,
/// as printable runs when it contains NUL bytes. A binary signature only counts when the head also holds a NUL
/// byte: a text file that happens to start with "BM" or "MZ" stays text.
/// </summary>
internal static class ContentFormat
{
    /// <summary>Bytes of the head the checks look at.</summary>
    public const int HeadBytes = 8000;

    private static readonly (string Name, int Offset, byte[] Magic)[] Binary =
    [
        ("PNG image", 0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("JPEG image", 0, [0xFF, 0xD8, 0xFF]),
        ("GIF image", 0, "GIF8"u8.ToArray()),
        ("BMP image", 0, "BM"u8.ToArray()),
        ("ICO image", 0, [0x00, 0x00, 0x01, 0x00]),
        ("RIFF media (WebP, WAV, AVI)", 0, "RIFF"u8.ToArray()),
        ("MP4/QuickTime media", 4, "ftyp"u8.ToArray()),
        ("MP3 audio", 0, "ID3"u8.ToArray()),
        ("Ogg media", 0, "OggS"u8.ToArray()),
        ("WOFF font", 0, "wOFF"u8.ToArray()),
        ("WOFF2 font", 0, "wOF2"u8.ToArray()),
        ("OpenType font", 0, "OTTO"u8.ToArray()),
        ("TrueType font", 0, [0x00, 0x01, 0x00, 0x00, 0x00]),
        ("Windows executable or DLL", 0, "MZ"u8.ToArray()),
        ("ELF executable or shared library", 0, [0x7F, 0x45, 0x4C, 0x46]),
        ("Mach-O executable", 0, [0xCF, 0xFA, 0xED, 0xFE]),
        ("Mach-O executable", 0, [0xCE, 0xFA, 0xED, 0xFE]),
        ("Mach-O executable", 0, [0xFE, 0xED, 0xFA, 0xCF]),
        ("Java class or Mach-O universal binary", 0, [0xCA, 0xFE, 0xBA, 0xBE]),
        ("static library", 0, "!<arch>\n"u8.ToArray()),
    ];

    private static readonly (string Name, byte[] Magic)[] Unsupported =
    [
        ("7-Zip", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("bzip2", "BZh"u8.ToArray()), // checked with its block magic below
        ("zstd", [0x28, 0xB5, 0x2F, 0xFD]),
        ("RAR", "Rar!\x1A\x07"u8.ToArray()),
    ];

    public static (ContentKind Kind, string? Format) Identify(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return (ContentKind.Zip, "zip");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return (ContentKind.GZip, "gzip");
        if (head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8)) return (ContentKind.Tar, "tar");
        foreach (var (name, magic) in Unsupported)
            if (head.StartsWith(magic) && (name != "bzip2" || head.Length >= 10 && head[4..10].SequenceEqual("1AY&SY"u8)))
                return (ContentKind.UnsupportedArchive, name);
        if (head[..Math.Min(head.Length, HeadBytes)].IndexOf((byte)0) < 0) return (ContentKind.Text, null);
        foreach (var (name, offset, magic) in Binary)
            if (head.Length >= offset + magic.Length && head[offset..].StartsWith(magic)) return (ContentKind.KnownBinary, name);
        return (ContentKind.Text, null);
    }
}
