using System.IO.Compression;
using System.Text;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Tests.Support;
using Pipeline.Evidence.Verification;

namespace Pipeline.Evidence.Tests.Verification;

/// <summary>One archive is built per test class; each test tampers with a copy of it.</summary>
public sealed class ArchiveVerifierTests : IAsyncLifetime
{
    private readonly EvidenceTree _tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
    private string _archive = "";
    private List<string> _entries = [];

    public async Task InitializeAsync()
    {
        var result = await Archiving.RunAsync(_tree);
        _archive = result.ArchivePath!;
        using var zip = ZipFile.OpenRead(_archive);
        _entries = zip.Entries.Select(e => e.FullName).ToList();
    }

    public Task DisposeAsync()
    {
        _tree.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_untouched_archive_verifies()
    {
        var report = ArchiveVerifier.Verify(_archive);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(_entries.Count, report.EntriesChecked);
        Assert.Equal(_entries.Count - 2, report.FilesListed);
    }

    [Fact]
    public void A_byte_flipped_in_any_entry_is_caught()
    {
        Assert.True(_entries.Count > 20);
        foreach (var target in _entries)
        {
            var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => (name, name == target ? ZipTamper.FlipFirstByte(bytes) : bytes));
            var report = ArchiveVerifier.Verify(tampered);
            Assert.False(report.Passed, $"flipping a byte of {target} went unnoticed");
            var problem = Assert.Single(report.Problems, p => p.Entry == target || p.Entry is "manifest.json" or "evidence.intoto.json");
            if (target is not ("manifest.json" or "evidence.intoto.json"))
            {
                Assert.Equal(ProblemKind.Altered, problem.Kind);
                Assert.Contains($"'{target}' was altered: sha256 is", problem.Message);
            }
        }
    }

    [Fact]
    public void A_byte_flipped_in_the_compressed_data_is_caught()
    {
        var bytes = File.ReadAllBytes(_archive);
        // The first local file header is 30 bytes plus the name; flip a byte well inside the first entry's data.
        var firstName = Encoding.UTF8.GetByteCount(_entries[0]);
        bytes[30 + firstName + 5] ^= 0xFF;
        var corrupt = Path.Combine(_tree.Root, "corrupt.zip");
        File.WriteAllBytes(corrupt, bytes);

        var report = ArchiveVerifier.Verify(corrupt);

        Assert.False(report.Passed);
        Assert.Contains(report.Problems, p => p.Entry == _entries[0] && p.Kind == ProblemKind.Altered);
    }

    [Fact]
    public void An_added_entry_is_reported_as_extra()
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => (name, bytes), ("reports/late-addition-20251014.log", "added later"u8.ToArray()));
        var problem = Assert.Single(ArchiveVerifier.Verify(tampered).Problems);
        Assert.Equal(ProblemKind.Extra, problem.Kind);
        Assert.Equal("'reports/late-addition-20251014.log' is in the archive but not in the manifest (added after archiving?).", problem.Message);
    }

    [Fact]
    public void A_removed_entry_is_reported_as_missing()
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => name == "reports/p95_k6_20251014.json" ? null : (name, bytes));
        var problem = Assert.Single(ArchiveVerifier.Verify(tampered).Problems);
        Assert.Equal(ProblemKind.Missing, problem.Kind);
        Assert.StartsWith("'reports/p95_k6_20251014.json' is listed in the manifest", problem.Message);
    }

    [Fact]
    public void A_renamed_file_is_reported_with_both_names()
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) =>
            (name == "reports/openai-resilience-20251014.log" ? "reports/openai-resilience_20251014.log" : name, bytes));
        var problem = Assert.Single(ArchiveVerifier.Verify(tampered).Problems);
        Assert.Equal(ProblemKind.Renamed, problem.Kind);
        Assert.Contains("'reports/openai-resilience-20251014.log' was renamed to 'reports/openai-resilience_20251014.log'", problem.Message);
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil")]
    [InlineData("reports/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.dll")]
    [InlineData("..\\evil.txt")]
    public void A_zip_slip_entry_is_refused(string evil)
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => (name, bytes), (evil, "payload"u8.ToArray()));
        var report = ArchiveVerifier.Verify(tampered);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.UnsafePath, problem.Kind);
        Assert.StartsWith($"Entry '{evil}' is refused:", problem.Message);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_tree.Root, "..", "evil.txt"))));
    }

    [Fact]
    public void A_manifest_edited_to_match_an_altered_file_still_disagrees_with_the_statement()
    {
        // Alter a file and "fix" the manifest's digest: the statement still carries the original digest.
        var original = File.ReadAllBytes(_tree.PathOf("reports/metrics-p95-20251014.md"));
        var altered = ZipTamper.FlipFirstByte(original);
        var oldSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
        var newSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(altered));
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => name switch
        {
            "reports/metrics-p95-20251014.md" => (name, altered),
            "manifest.json" => (name, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(oldSha, newSha))),
            _ => (name, bytes),
        });

        var report = ArchiveVerifier.Verify(tampered);

        Assert.DoesNotContain(report.Problems, p => p.Kind == ProblemKind.Altered);
        Assert.Contains(report.Problems, p => p.Message.Contains("predicate differs from manifest.json"));
        Assert.Contains(report.Problems, p => p.Entry == "reports/metrics-p95-20251014.md" && p.Message.Contains("the statement's sha256"));
    }

    [Theory]
    [InlineData("{\"files\": 12}")]
    [InlineData("{\"files\": [{\"path\": \"a\", \"sha256\": \"00\"}, {\"path\": \"a\", \"sha256\": \"00\"}]}")]
    [InlineData("[]")]
    public void A_manifest_in_a_wrong_shape_is_reported_not_thrown(string manifest)
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => (name, name == "manifest.json" ? Encoding.UTF8.GetBytes(manifest) : bytes));
        var problem = Assert.Single(ArchiveVerifier.Verify(tampered).Problems);
        Assert.Equal(ProblemKind.Manifest, problem.Kind);
        Assert.StartsWith("manifest.json cannot be read:", problem.Message);
    }

    [Fact]
    public void An_archive_without_manifest_says_so()
    {
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => name == "manifest.json" ? null : (name, bytes));
        var problem = Assert.Single(ArchiveVerifier.Verify(tampered).Problems);
        Assert.Equal(ProblemKind.Manifest, problem.Kind);
        Assert.Contains("has no manifest.json", problem.Message);
    }

    [Fact]
    public void A_missing_or_garbage_archive_gives_a_clear_message()
    {
        var missing = ArchiveVerifier.Verify(Path.Combine(_tree.Root, "reports", "evidence-19990101.zip"));
        Assert.Contains("does not exist", Assert.Single(missing.Problems).Message);

        var garbage = Path.Combine(_tree.Root, "garbage.zip");
        File.WriteAllText(garbage, "this is not a zip");
        Assert.Contains("not a readable zip archive", Assert.Single(ArchiveVerifier.Verify(garbage).Problems).Message);
    }

    [Fact]
    public void A_planted_secret_in_an_archived_log_is_caught_when_verifying_with_a_gate()
    {
        const string planted = "sbp_0123456789abcdef0123456789abcdef01234567";   // test value, pipeline:allow-secret
        var tampered = ZipTamper.Rewrite(_archive, (name, bytes) => (name, bytes), ("reports/ci-build.log", Encoding.UTF8.GetBytes($"line one\ntoken={planted}\n")));

        var report = ArchiveVerifier.Verify(tampered, new PlantedValueGate(planted));

        var secret = Assert.Single(report.Problems, p => p.Kind == ProblemKind.Secret);
        Assert.Equal("reports/ci-build.log", secret.Entry);
        Assert.Contains("line 2", secret.Message);
        Assert.DoesNotContain(planted, report.ToString());
    }
}
