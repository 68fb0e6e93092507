using System.Buffers;
using System.Text;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Reads one file's content for the scanner, whatever it is and however large: text up to
/// <see cref="SecretScannerOptions.MaxFileBytes"/> is read whole; larger text is streamed in chunks that overlap
/// by more than the longest match, with line numbers carried over (memory stays bounded, nothing is left unread);
/// content with NUL bytes is scanned as printable runs (as <c>strings</c> does) unless its magic bytes name a
/// known binary format; zip, gzip and tar archives are scanned entry by entry, nesting and expansion bounded.
/// What cannot be read is recorded in the tally, never passed over in silence.
/// </summary>
internal sealed class ContentScanner(SecretScanner scanner, SecretScannerOptions options)
{
    private const int ReadBlockBytes = 64 * 1024;

    // The overlap exceeds the longest match: a multi-line match reaches MultilineWindow past its line's start
    // (16 KiB by default), single-line matches a few hundred characters.
    private readonly int _overlapChars = Math.Max(64 * 1024, options.MultilineWindow * 2);
    private int StreamChunkChars => Math.Max(4 * 1024 * 1024, _overlapChars * 8);

    /// <summary>The separator between an archive's path and an entry's path in reported names: <c>logs.zip!app/run.log</c>.</summary>
    public const string EntrySeparator = "!";

    // Control bytes other than tab, line feed and carriage return: never part of a secret.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b), (byte)0x7F]);

    public void ScanFile(string path, string name, ScanTally tally)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0, Options = FileOptions.SequentialScan,
        });
        Scan(name, stream, stream.Length, depth: 0, budget: null, tally);
    }

    private void Scan(string name, Stream stream, long knownLength, int depth, ExpansionBudget? budget, ScanTally tally)
    {
        var limit = (int)Math.Min(options.MaxFileBytes, Array.MaxLength - 1);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(knownLength + 1, Math.Min(4096, limit + 1), limit + 1));
        try
        {
            // Read to the end, not to the size the file system reports (a growing log, /proc files say 0).
            int read = 0, n;
            var identified = false;
            while ((n = stream.Read(buffer.AsSpan(read))) > 0)
            {
                read += n;
                if (!identified && read >= ContentFormat.HeadBytes)
                {
                    identified = true;
                    // A large image or executable is recognised from its head, without reading the rest.
                    if (ContentFormat.Identify(buffer.AsSpan(0, read)) is (ContentKind.KnownBinary, var format))
                    {
                        SkipFormat(name, ContentKind.KnownBinary, format, Math.Max(knownLength, read), tally);
                        return;
                    }
                }
                if (read > limit) break;
                if (read == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, read).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
            if (n == 0) ScanWhole(name, buffer, read, depth, budget, tally);
            else ScanLarge(name, stream, buffer, read, depth, budget, tally);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ScanWhole(string name, byte[] content, int length, int depth, ExpansionBudget? budget, ScanTally tally)
    {
        var (kind, format) = ContentFormat.Identify(content.AsSpan(0, length));
        switch (kind)
        {
            case ContentKind.Text:
                var text = Decode(content.AsSpan(0, length));
                scanner.ScanChunk(name, text, 1, text.Length, tally.Findings);
                tally.BytesScanned += length;
                break;
            case ContentKind.KnownBinary or ContentKind.UnsupportedArchive:
                SkipFormat(name, kind, format, length, tally);
                break;
            default:
                using (var archive = new MemoryStream(content, 0, length, writable: false))
                    ScanArchive(name, archive, kind, length, depth, budget, tally);
                break;
        }
    }

    private void ScanLarge(string name, Stream stream, byte[] head, int headLength, int depth, ExpansionBudget? budget, ScanTally tally)
    {
        var size = stream.CanSeek ? stream.Length : headLength;
        var (kind, format) = ContentFormat.Identify(head.AsSpan(0, headLength));
        switch (kind)
        {
            case ContentKind.Text:
                ScanTextStream(name, new ReplayStream(head.AsMemory(0, headLength), stream), tally);
                break;
            case ContentKind.KnownBinary or ContentKind.UnsupportedArchive:
                SkipFormat(name, kind, format, size, tally);
                break;
            case ContentKind.Zip when !stream.CanSeek:
                // A zip's directory is at its end: a large zip inside another archive would have to be held in memory.
                tally.Skip(name, $"nested zip over the {options.MaxFileBytes / 1048576.0:0.#} MiB in-memory limit", SkipKind.Unscanned, size);
                break;
            default:
                if (stream.CanSeek) stream.Seek(0, SeekOrigin.Begin);
                ScanArchive(name, stream.CanSeek ? stream : new ReplayStream(head.AsMemory(0, headLength), stream), kind, size, depth, budget, tally);
                break;
        }
    }

    // Known binary formats hold no readable secret (skipped on purpose); archives in other formats are a gap.
    private static void SkipFormat(string name, ContentKind kind, string? format, long size, ScanTally tally)
    {
        if (kind == ContentKind.KnownBinary) tally.Skip(name, $"known binary format ({format})", SkipKind.KnownBinary, size);
        else tally.Skip(name, $"archive format not supported ({format})", SkipKind.Unscanned, size);
    }

    private void ScanArchive(string name, Stream archive, ContentKind kind, long size, int depth, ExpansionBudget? budget, ScanTally tally)
    {
        if (depth >= options.MaxArchiveDepth)
        {
            tally.Skip(name, $"archive nested more than {options.MaxArchiveDepth} levels deep", SkipKind.Unscanned, size);
            return;
        }
        var outermost = budget is null;
        budget ??= new ExpansionBudget(options.MaxArchiveExpandedBytes);
        try
        {
            foreach (var entry in ArchiveEntries.Read(archive, kind, name))
            {
                var entryName = name + EntrySeparator + entry.Name;
                tally.EntryNames.Add(entryName);
                try
                {
                    using var stream = entry.Open();
                    Scan(entryName, entry.Expands ? budget.Wrap(stream) : stream, entry.Length ?? 0, depth + 1, budget, tally);
                }
                catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or IOException)
                {
                    // Encrypted or damaged entries; the next entries may still be fine (zip), or the read fails there too.
                    tally.Skip(entryName, $"archive entry unreadable: {exception.Message}", SkipKind.Unscanned, entry.Length ?? 0);
                }
            }
        }
        catch (ArchiveBoundException exception) when (outermost)
        {
            tally.Skip(name, $"archive over a bound: it {exception.Message}; the entries after that point were not scanned", SkipKind.Unscanned, size);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or FormatException or NotSupportedException)
        {
            tally.Skip(name, $"archive cannot be opened: {exception.Message}", SkipKind.Unscanned, size);
        }
    }

    // Text past the in-memory limit: chunks of StreamChunkChars; each chunk "owns" the lines that start before
    // its last _overlapChars, which the next chunk reads again, so a match across a boundary is seen whole
    // and reported once.
    private void ScanTextStream(string name, Stream source, ScanTally tally)
    {
        var chars = ArrayPool<char>.Shared.Rent(StreamChunkChars);
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBlockBytes);
        try
        {
            Decoder? decoder = null;
            var (filled, firstLine, eof, utf16) = (0, 1, false, false);
            while (true)
            {
                while (!eof && chars.Length - filled >= ReadBlockBytes + 8)
                {
                    var n = source.Read(bytes, 0, ReadBlockBytes);
                    if (n == 0)
                    {
                        eof = true;
                        if (decoder is not null) filled += decoder.GetChars([], chars.AsSpan(filled), flush: true);
                        break;
                    }
                    tally.BytesScanned += n;
                    var block = bytes.AsSpan(0, n);
                    if (decoder is null)
                    {
                        var (encoding, bom) = EncodingOf(block);
                        decoder = encoding.GetDecoder();
                        utf16 = encoding is UnicodeEncoding;
                        block = block[bom..];
                    }
                    if (!utf16) Printable(block);
                    filled += decoder.GetChars(block, chars.AsSpan(filled), flush: false);
                }
                var owned = eof ? filled : OwnedLength(chars.AsSpan(0, filled), _overlapChars);
                scanner.ScanChunk(name, new string(chars, 0, filled), firstLine, owned, tally.Findings);
                if (eof) return;
                firstLine += chars.AsSpan(0, owned).Count('\n');
                chars.AsSpan(owned, filled - owned).CopyTo(chars);
                filled -= owned;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // Up to the last line start before the overlap; a line longer than half a chunk is cut where the overlap begins.
    private static int OwnedLength(ReadOnlySpan<char> chunk, int overlapChars)
    {
        var cut = chunk.Length - overlapChars;
        var lineStart = chunk[..cut].LastIndexOf('\n') + 1;
        return lineStart >= cut / 2 ? lineStart : cut;
    }

    private static string Decode(Span<byte> content)
    {
        var (encoding, bom) = EncodingOf(content);
        if (encoding is not UnicodeEncoding) Printable(content);
        return encoding.GetString(content[bom..]);
    }

    // UTF-16 text (with its byte order mark) is full of NUL bytes but is text; everything else is read as UTF-8.
    private static (Encoding Encoding, int Bom) EncodingOf(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? (Encoding.Unicode, 2)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (Encoding.BigEndianUnicode, 2)
        : (Encoding.UTF8, 0);

    // The printable runs, in place: NUL separates runs (a line break, so a binary's runs are short lines); other
    // control bytes become spaces, so a text file's line numbers do not move.
    private static void Printable(Span<byte> content)
    {
        for (var i = content.IndexOfAny(ControlBytes); i >= 0;)
        {
            content[i] = content[i] == 0 ? (byte)'\n' : (byte)' ';
            var next = content[(i + 1)..].IndexOfAny(ControlBytes);
            i = next < 0 ? -1 : i + 1 + next;
        }
    }
}
