using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pipeline.Core.Errors;
using Pipeline.Core.Runs;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Tests.Support;
using Pipeline.Evidence.Verification;

namespace Pipeline.Evidence.Tests.Archive;

public class EvidenceArchiverTests
{
    [Fact]
    public async Task Archives_every_deliverable_with_manifest_statement_and_page()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();

        var result = await Archiving.RunAsync(tree);

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Equal([tree.PathOf("reports/evidence-20251014.zip"), tree.PathOf("reports/evidence-20251014.manifest.json"),
                      tree.PathOf("reports/evidence-20251014.intoto.json"), tree.PathOf("docs/evidence/story-2.8-evidence-20251014.md")], result.EvidenceFiles);
        Assert.Equal(tree.PathOf("reports/evidence-20251014.zip"), result.ArchivePath);
        Assert.Equal(tree.PathOf("docs/evidence/story-2.8-evidence-20251014.md"), result.PagePath);
        Assert.True(File.Exists(tree.PathOf("reports/evidence-20251014.manifest.json")));
        Assert.True(File.Exists(tree.PathOf("reports/evidence-20251014.intoto.json")));

        using var zip = ZipFile.OpenRead(result.ArchivePath!);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("manifest.json", names);
        Assert.Contains("evidence.intoto.json", names);
        Assert.Contains("reports/p95_k6_20251014.json", names);
        Assert.Contains("docs/evidence/story-2.8-evidence-20251014.md", names);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));

        var manifest = JsonNode.Parse(File.ReadAllText(result.ManifestPath!))!;
        var p95 = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == "reports/p95_k6_20251014.json")!;
        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tree.PathOf("reports/p95_k6_20251014.json"))));
        Assert.Equal(expectedSha, (string?)p95["sha256"]);
        Assert.Equal(new FileInfo(tree.PathOf("reports/p95_k6_20251014.json")).Length, (long)p95["size"]!);
        Assert.Equal("RunP95", (string?)p95["producedBy"]);
        Assert.Equal("built-in - Pipeline 1.0, .NET 10", (string?)p95["engine"]);
        Assert.Equal("built-in 1.0 [31 rules]", (string?)manifest["tools"]!["secrets-engines"]);
        Assert.Equal("built-in 1.0 [31 rules]", (string?)manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == "reports/secrets-scan-20251014.txt")!["engine"]);
        Assert.Equal("AC3.1", (string?)p95["criteria"]![0]);
        Assert.Equal("test-host", (string?)manifest["run"]!["host"]);
        Assert.Equal("20251014", (string?)manifest["evidenceDate"]);
        Assert.Equal(EvidenceTree.RunId, (string?)manifest["runId"]);
        Assert.Contains($"Run: `{EvidenceTree.RunId}`", File.ReadAllText(result.PagePath!));
        Assert.Equal("", (string?)manifest["parameters"]!["skip"]);
        Assert.Contains(manifest["missing"]!.AsArray(), g => (string?)g!["deliverable"] == "p95-delta-action");

        var statement = JsonNode.Parse(File.ReadAllText(result.StatementPath!))!;
        Assert.Equal("https://in-toto.io/Statement/v1", (string?)statement["_type"]);
        Assert.Equal("https://pipeline.dev/evidence/v1", (string?)statement["predicateType"]);
        Assert.Equal(manifest["files"]!.AsArray().Count, statement["subject"]!.AsArray().Count);
        Assert.Contains(statement["subject"]!.AsArray(), s => (string?)s!["name"] == "reports/p95_k6_20251014.json" && (string?)s["digest"]!["sha256"] == expectedSha);
        Assert.True(JsonNode.DeepEquals(manifest, statement["predicate"]));

        Assert.True(ArchiveVerifier.Verify(result.ArchivePath!).Passed);
    }

    [Fact]
    public async Task Two_archives_the_same_day_both_survive()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var clock = Archiving.ClockOnTheDay();

        var first = await EvidenceArchiver.RunAsync(Archiving.Settings(), Archiving.Context(tree, clock: clock));
        var firstBytes = File.ReadAllBytes(first.ArchivePath!);
        clock.Advance(TimeSpan.FromMinutes(5));
        tree.Write("reports/p95_k6_20251014-102000.json", File.ReadAllText(tree.PathOf("reports/p95_k6_20251014.json")));
        tree.RecordRun();   // the targets ran again under the same run id: their last execution counts
        var second = await EvidenceArchiver.RunAsync(Archiving.Settings(), Archiving.Context(tree, clock: clock));

        Assert.NotEqual(first.ArchivePath, second.ArchivePath);
        Assert.EndsWith("evidence-20251014-102000.zip", second.ArchivePath);
        Assert.EndsWith("story-2.8-evidence-20251014-102000.md", second.PagePath);
        Assert.Equal(firstBytes, File.ReadAllBytes(first.ArchivePath!));
        Assert.True(ArchiveVerifier.Verify(first.ArchivePath!).Passed);
        Assert.True(ArchiveVerifier.Verify(second.ArchivePath!).Passed);
        using var zip = ZipFile.OpenRead(second.ArchivePath!);
        Assert.Contains(zip.Entries, e => e.FullName == "reports/p95_k6_20251014-102000.json");
        Assert.DoesNotContain(zip.Entries, e => e.FullName == "reports/p95_k6_20251014.json");
    }

    [Fact]
    public async Task An_earlier_evidence_date_is_archived_under_its_own_date()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence(day: "20251001").RecordRun();
        var settings = Archiving.Settings() with { EvidenceDate = new DateOnly(2025, 10, 1) };

        var result = await Archiving.RunAsync(tree, settings);

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        Assert.Equal(tree.PathOf("reports/evidence-20251001.zip"), result.ArchivePath);
        Assert.Equal(tree.PathOf("docs/evidence/story-2.8-evidence-20251001.md"), result.PagePath);
    }

    [Fact]
    public async Task A_day_without_evidence_archives_nothing()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence(day: "20251001").RecordRun();
        var error = await Assert.ThrowsAsync<UserInputException>(() => Archiving.RunAsync(tree));
        Assert.Equal("No run recorded evidence dated 20251014. Rerun the chain: ./build.sh ArchiveEvidence, or give another date or a run id.", error.Message);
        Assert.Equal(nameof(ArchiveSettings.EvidenceDate), error.Input);
        Assert.False(File.Exists(tree.PathOf("reports/evidence-20251014.zip")));
    }

    [Fact]
    public async Task Whatever_exists_is_archived_and_the_gaps_are_recorded()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        File.Delete(tree.PathOf("reports/supabase-downtime-drill-20251014.log"));
        File.Move(tree.PathOf("reports/db_connectivity_test_20251014.log"), tree.PathOf("reports/db-connectivity-test-20251014.log"));
        tree.RecordRun();

        // An incomplete run is archived only when named.
        var result = await Archiving.RunAsync(tree, Archiving.Settings() with { RunId = EvidenceTree.RunId });

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        var manifest = JsonNode.Parse(File.ReadAllText(result.ManifestPath!))!;
        Assert.Contains(manifest["missing"]!.AsArray(), g => (string?)g!["expectedPath"] == "reports/supabase-downtime-drill-20251014.log" && (bool)g["required"]!);
        Assert.Contains(manifest["misnamed"]!.AsArray(), g => (string?)g!["foundAs"] == "reports/db-connectivity-test-20251014.log"
                                                             && (string?)g["expectedPath"] == "reports/db_connectivity_test_20251014.log");
        var page = File.ReadAllText(result.PagePath!);
        Assert.Contains("`reports/db-connectivity-test-20251014.log` should be `reports/db_connectivity_test_20251014.log`", page);
        Assert.Contains("| AC4.3", page);
        Assert.Contains("`reports/evidence-20251014.zip`", page.Split('\n').Single(l => l.StartsWith("| AC4.3", StringComparison.Ordinal)));
    }
}
