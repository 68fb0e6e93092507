using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>
/// Content the scanner must read whatever its shape: text past the in-memory limit (streamed in chunks), NUL
/// bytes, UTF-16, archives entry by entry (nested, bounded), and secrets used as names.
/// </summary>
public sealed class ContentCoverageTests
{
    private readonly string _root = Fixtures.TempFolder();
    private readonly Random _random = new(17);

    private string Token() => PlantedSecrets.GitHubToken(_random);

    private DirectoryScanResult Scan(SecretScannerOptions? options = null) =>
        SecretScanner.CreateDefault(options, new SecretRedactor()).ScanDirectory(_root);

    [Fact]
    public void A_file_over_10_mib_is_streamed_and_tokens_at_chunk_boundaries_and_at_the_end_are_found_once_on_their_line()
    {
        // 100-character lines, a token on every 7th and on the last: whichever lines the chunks (4 Mi characters,
        // 64 Ki overlap) are cut at, a token lost or reported twice at a boundary shows.
        const int lineLength = 100, lines = 120_000; // ~11.4 MiB
        var tokens = Enumerable.Range(1, lines).Where(line => line % 7 == 0 || line == lines).ToDictionary(line => line, _ => Token());
        var path = Path.Combine(_root, "huge.log");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            for (var line = 1; line <= lines; line++)
            {
                var text = tokens.TryGetValue(line, out var token) ? "x=" + token : $"line {line} ok";
                writer.Write(text.PadRight(lineLength - 1, '.'));
                writer.Write('\n');
            }
        Assert.True(new FileInfo(path).Length > 10 * 1024 * 1024);

        var result = Scan();

        Assert.Equal(tokens.Keys.Order(), result.Findings.Select(f => f.Line));
        Assert.Equal(tokens.OrderBy(t => t.Key).Select(t => SecretScanner.Sha1Hex(t.Value)), result.Findings.Select(f => f.SecretHash));
        Assert.Equal(new FileInfo(path).Length, result.BytesScanned);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Multi_line_pem_blocks_across_chunk_boundaries_are_found_once_on_their_first_line()
    {
        var builder = new StringBuilder();
        var expected = new List<int>();
        var line = 1;
        for (var block = 0; block < 2000; block++)
        {
            for (var filler = 0; filler < 40; filler++, line++) builder.Append("filler line ").Append(line).Append(new string('.', 80)).Append('\n');
            expected.Add(line);
            var pem = PlantedSecrets.Pem(_random);
            builder.Append(pem).Append('\n');
            line += pem.Count(c => c == '\n') + 1;
        }
        File.WriteAllText(Path.Combine(_root, "keys.txt"), builder.ToString());

        var result = Scan(new SecretScannerOptions { MaxFileBytes = 1024 });

        Assert.True(builder.Length > 8 * 1024 * 1024);
        Assert.Equal(expected, result.Findings.Select(f => f.Line));
        Assert.All(result.Findings, f => Assert.Equal("private-key", f.RuleId));
    }

    [Fact]
    public void A_single_line_longer_than_a_chunk_is_cut_without_losing_or_repeating_a_token()
    {
        var tokens = Enumerable.Range(0, 40).Select(_ => Token()).ToList();
        var builder = new StringBuilder();
        foreach (var token in tokens) builder.Append(new string('z', 300_000)).Append(' ').Append(token).Append(' ');
        File.WriteAllText(Path.Combine(_root, "minified.js"), builder.ToString());

        var result = Scan();

        Assert.Equal(tokens.Select(SecretScanner.Sha1Hex).Order(), result.Findings.Select(f => f.SecretHash).Order());
        Assert.All(result.Findings, f => Assert.Equal(1, f.Line));
    }

    [Fact]
    public void Nul_bytes_and_utf16_are_text_to_the_scanner()
    {
        var (first, second) = (Token(), Token());
        File.WriteAllBytes(Path.Combine(_root, "dump.bin"), [.. new byte[100], .. Encoding.ASCII.GetBytes("token " + first), 0, 0, 7, 1]);
        File.WriteAllBytes(Path.Combine(_root, "export.reg"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("\"Token\"=\"" + second + "\"\r\n")]);

        var result = Scan();

        Assert.Equal(["dump.bin", "export.reg"], result.Findings.Select(f => f.File));
    }

    [Fact]
    public void Archives_are_scanned_entry_by_entry_nested_ones_too()
    {
        var (inZip, inTgz, inNested, inGz) = (Token(), Token(), Token(), Token());
        Zip(Path.Combine(_root, "bundle.zip"), ("config/app.env", Encoding.UTF8.GetBytes("GITHUB_TOKEN=" + inZip)));
        TarGz(Path.Combine(_root, "logs.tar.gz"), ("job/run.log", "step 3: " + inTgz));
        var inner = ZipBytes(("deep/secret.txt", Encoding.UTF8.GetBytes(inNested)));
        Zip(Path.Combine(_root, "outer.zip"), ("inner.zip", inner), ("readme.txt", "nothing here"u8.ToArray()));
        Gzip(Path.Combine(_root, "app.log.gz"), "token=" + inGz);

        var result = Scan();

        Assert.Equal(
            ["app.log.gz!app.log", "bundle.zip!config/app.env", "logs.tar.gz!logs.tar!job/run.log", "outer.zip!inner.zip!deep/secret.txt"],
            result.Findings.Select(f => f.File));
        Assert.Empty(result.Unscanned);
    }

    [Fact]
    public void Archives_that_cannot_be_read_whole_are_listed_as_unscanned()
    {
        Zip(Path.Combine(_root, "bomb.zip"), ("zeros.txt", new byte[200_000]), ("later.txt", Encoding.UTF8.GetBytes(Token())));
        File.WriteAllBytes(Path.Combine(_root, "broken.zip"), [.. "PK\x03\x04"u8, .. new byte[40]]);
        File.WriteAllBytes(Path.Combine(_root, "data.xz"), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 1, 2, 3]);
        var deep = ZipBytes(("t.txt", Encoding.UTF8.GetBytes(Token())));
        for (var level = 0; level < 3; level++) deep = ZipBytes(($"level{level}.zip", deep));
        File.WriteAllBytes(Path.Combine(_root, "deep.zip"), deep);

        var result = Scan(new SecretScannerOptions { MaxArchiveExpandedBytes = 100_000, MaxArchiveDepth = 2 });

        Assert.Equal(
            ["bomb.zip: archive over a bound", "broken.zip: archive cannot be opened", "data.xz: archive format not supported",
             "deep.zip!level2.zip!level1.zip: archive nested more than 2 levels deep"],
            result.Unscanned.Select(s => $"{s.Path}: {s.Category}"));
        Assert.All(result.Unscanned.Where(s => !s.Path.Contains('!')), s => Assert.True(s.Bytes > 0));
    }

    [Fact]
    public void A_secret_used_as_a_file_folder_or_entry_name_is_found_and_masked_in_every_path()
    {
        var (asFolder, asFile, asEntry) = (Token(), Token(), Token());
        Directory.CreateDirectory(Path.Combine(_root, asFolder));
        File.WriteAllText(Path.Combine(_root, asFolder, "notes.txt"), "nothing secret");
        File.WriteAllText(Path.Combine(_root, asFile + ".txt"), "nothing secret");
        Zip(Path.Combine(_root, "names.zip"), (asEntry, "x"u8.ToArray()));

        var result = Scan();

        Assert.Equal(3, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal((0, "github-token"), (f.Line, f.RuleId)));
        var paths = string.Join('\n', result.Findings.Select(f => f.File).Concat(result.Files));
        foreach (var token in new[] { asFolder, asFile, asEntry })
        {
            Assert.DoesNotContain(token, paths);
            Assert.Contains(SecretRedactor.Mask(token), paths);
        }
    }

    private static void Zip(string path, params (string Name, byte[] Content)[] entries) => File.WriteAllBytes(path, ZipBytes(entries));

    private static byte[] ZipBytes(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        return memory.ToArray();
    }

    private static void TarGz(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
    }

    private static void Gzip(string path, string content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
    }
}
