using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>Which files a folder scan reads: .gitignore, binaries, size limit, symlinks.</summary>
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
    public void Skips_and_reports_binaries_and_files_over_the_size_limit()
    {
        var root = Fixtures.TempFolder();
        File.WriteAllBytes(Path.Combine(root, "blob.dat"), [.. System.Text.Encoding.UTF8.GetBytes(Secret()), 0, 1, 2]);
        File.WriteAllText(Path.Combine(root, "image.png"), Secret());
        File.WriteAllText(Path.Combine(root, "big.txt"), Secret() + new string('a', 2048));
        File.WriteAllText(Path.Combine(root, "small.txt"), Secret());

        var result = SecretScanner.CreateDefault(new SecretScannerOptions { MaxFileBytes = 1024 }, new SecretRedactor()).ScanDirectory(root);

        Assert.Equal("small.txt", Assert.Single(result.Findings).File);
        Assert.Equal(1, result.FilesScanned);
        Assert.Collection(result.Skipped,
            s => Assert.Equal(("big.txt", true), (s.Path, s.Reason.StartsWith("larger than"))),
            s => Assert.Equal(("blob.dat", "binary (contains NUL bytes)"), (s.Path, s.Reason)),
            s => Assert.Equal(("image.png", "binary (by extension)"), (s.Path, s.Reason)));
    }

    [Fact]
    public void Follows_a_symlinked_folder_once_and_reports_a_loop_instead_of_hanging()
    {
        var root = Fixtures.TempFolder();
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, "a", "x.env"), Secret());
        Directory.CreateSymbolicLink(Path.Combine(root, "a", "loop"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "a", "again"), Path.Combine(root, "a"));
        File.CreateSymbolicLink(Path.Combine(root, "dangling.txt"), Path.Combine(root, "missing.txt"));

        var result = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(root);

        Assert.Equal("a/x.env", Assert.Single(result.Findings).File);
        Assert.Contains(result.Skipped, s => s.Path == "a/loop" && s.Reason.Contains("symlink loop"));
        Assert.Contains(result.Skipped, s => s.Path == "a/again" && s.Reason.Contains("symlink loop"));
        Assert.Contains(result.Skipped, s => s.Path == "dangling.txt" && s.Reason == "broken symlink");
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
        Assert.Contains("--scan-root", error.Message);
    }
}
