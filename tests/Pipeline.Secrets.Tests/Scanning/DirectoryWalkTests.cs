using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>Which files a folder scan reads: .gitignore, binaries, large files, symlinks.</summary>
public sealed class DirectoryWalkTests
{
    private static readonly Random Random = new(5);

    private static string Secret() => $"GITHUB_TOKEN={PlantedSecrets.GitHubToken(Random)}\n";

    [Fact]
    public void Honours_gitignore_at_every_depth_with_negation_and_anchors()
    {
        var root = Fixtures.TempFolder();
        File.WriteAllText(Path.Combine(root, ".gitignore"), "# comment\n*.log\n!keep.log\n/build/\nnode_modules/\n");
        Directory.CreateDirectory(Path.Combine(root, "src", "build"));
        Directory.CreateDirectory(Path.Combine(root, "build"));
        Directory.CreateDirectory(Path.Combine(root, "web", "node_modules", "pkg"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        File.WriteAllText(Path.Combine(root, "docs", ".gitignore"), "draft-*.md\n");
        foreach (var file in new[] { "app.log", "keep.log", "build/out.txt", "src/build/in.txt", "web/node_modules/pkg/index.js", "docs/draft-1.md", "docs/final.md" })
            File.WriteAllText(Path.Combine(root, file), Secret());

        var result = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(root);

        Assert.Equal(["docs/final.md", "keep.log", "src/build/in.txt"], result.Findings.Select(f => f.File).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reads_files_over_the_in_memory_limit_and_with_nul_bytes_and_skips_only_known_binary_formats()
    {
        var root = Fixtures.TempFolder();
        File.WriteAllBytes(Path.Combine(root, "blob.dat"), [0, 1, 2, .. System.Text.Encoding.UTF8.GetBytes(Secret()), 0, 1, 2]);
        File.WriteAllText(Path.Combine(root, "renamed.png"), Secret()); // a name is not a format
        File.WriteAllBytes(Path.Combine(root, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. System.Text.Encoding.UTF8.GetBytes(Secret())]);
        File.WriteAllText(Path.Combine(root, "big.txt"), new string('a', 2048) + "\n" + Secret());
        File.WriteAllText(Path.Combine(root, "small.txt"), Secret());

        var result = SecretScanner.CreateDefault(new SecretScannerOptions { MaxFileBytes = 1024 }, new SecretRedactor()).ScanDirectory(root);

        Assert.Equal(["big.txt:2", "blob.dat:2", "renamed.png:1", "small.txt:1"], result.Findings.Select(f => $"{f.File}:{f.Line}"));
        Assert.Equal(4, result.FilesScanned);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("image.png", "known binary format (PNG image)", SkipKind.KnownBinary), (skipped.Path, skipped.Reason, skipped.Kind));
        Assert.Empty(result.Unscanned);
    }

    [Fact]
    public void Never_follows_a_link_out_of_the_root_or_into_a_loop_and_lists_what_it_did_not_read()
    {
        var root = Fixtures.TempFolder();
        var outside = Fixtures.TempFolder();
        File.WriteAllText(Path.Combine(outside, "elsewhere.env"), Secret());
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, "a", "x.env"), Secret());
        Directory.CreateSymbolicLink(Path.Combine(root, "a", "loop"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "out"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "out.env"), Path.Combine(outside, "elsewhere.env"));
        File.CreateSymbolicLink(Path.Combine(root, "dangling.txt"), Path.Combine(root, "missing.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "chain-a"), Path.Combine(root, "chain-b"));
        File.CreateSymbolicLink(Path.Combine(root, "chain-b"), Path.Combine(root, "chain-a"));

        var result = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(root);

        Assert.Equal("a/x.env", Assert.Single(result.Findings).File);
        Assert.Contains(result.Skipped, s => s is { Path: "a/loop", Kind: SkipKind.Excluded } && s.Reason.StartsWith("symlink to a folder inside the scan root"));
        Assert.Contains(result.Skipped, s => s is { Path: "out", Kind: SkipKind.Excluded } && s.Reason.StartsWith("symlink out of the scan root"));
        Assert.Contains(result.Skipped, s => s is { Path: "out.env", Kind: SkipKind.Excluded } && s.Reason.StartsWith("symlink out of the scan root"));
        Assert.Equal(["chain-a: symlink loop", "chain-b: symlink loop", "dangling.txt: broken symlink"], result.Unscanned.Select(s => $"{s.Path}: {s.Category}"));
    }

    [Fact]
    public void Reports_progress_once_per_file_read_or_skipped()
    {
        var root = Fixtures.TempFolder();
        for (var i = 0; i < 5; i++) File.WriteAllText(Path.Combine(root, $"f{i}.txt"), Secret());
        File.WriteAllText(Path.Combine(root, "x.png"), "binary by name");
        var calls = new System.Collections.Concurrent.ConcurrentBag<(int Done, int Total)>();

        SecretScanner.CreateDefault(new SecretScannerOptions { OnFileScanned = (done, total) => calls.Add((done, total)) }, new SecretRedactor()).ScanDirectory(root);

        Assert.Equal([1, 2, 3, 4, 5, 6], calls.Select(c => c.Done).Order());
        Assert.All(calls, c => Assert.Equal(6, c.Total));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => SecretScanner.CreateDefault().ScanDirectory("/nonexistent/folder"));
        Assert.Contains("'/nonexistent/folder' does not exist", error.Message);
    }
}
