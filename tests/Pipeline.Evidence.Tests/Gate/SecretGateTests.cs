using Pipeline.Core.Redaction;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.Gate;

public class SecretGateTests
{
    private const string Planted = "sk-proj-PLANTEDxTESTxVALUEx0123456789abcdef";   // test value, pipeline:allow-secret

    [Fact]
    public async Task A_planted_secret_in_a_log_stops_the_archive_naming_file_and_line_without_the_value()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        tree.Write("reports/openai-resilience-20251014.log", $"scenario rate-limit ok\nAuthorization: Bearer {Planted}\n").RecordRun();
        var log = new TestLog();

        var result = await Archiving.RunAsync(tree, Archiving.Settings(new PlantedValueGate(Planted)), log);

        Assert.Equal(ArchiveStatus.BlockedBySecrets, result.Status);
        Assert.Empty(result.EvidenceFiles);
        var finding = Assert.Single(result.SecretFindings);
        Assert.Equal(("reports/openai-resilience-20251014.log", 2), (finding.File, finding.Line));
        Assert.Null(result.ArchivePath);
        Assert.Empty(Directory.GetFiles(tree.Root, "evidence-*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(tree.PathOf("docs/evidence")));
        Assert.Contains("reports/openai-resilience-20251014.log line 2", log.Text);
        Assert.DoesNotContain(Planted, log.Text);
        Assert.DoesNotContain(Planted, finding.ToString());
        Assert.StartsWith("The secrets gate found 1 secret(s) in files to be archived: reports/openai-resilience-20251014.log:2 planted", result.Outcome.Failure);
        Assert.DoesNotContain(Planted, result.Outcome.Failure);
        Assert.DoesNotContain(Planted, result.Headline);
    }

    [Fact]
    public async Task The_gate_sees_every_file_that_would_be_archived_and_the_generated_page()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var gate = new PlantedValueGate(Planted);

        var result = await Archiving.RunAsync(tree, Archiving.Settings(gate));

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        Assert.Equal(result.Naming.Selected.Count + 1, gate.Scanned.Count);
        Assert.Contains(gate.Scanned, p => p.EndsWith(Path.Combine("docs", "evidence", "story-2.8-evidence-20251014.md")));
    }

    [Fact]
    public void A_scanner_that_fails_on_a_file_blocks_rather_than_skipping_it()
    {
        using var tree = new EvidenceTree().Write("reports/a.log", "x");
        var findings = SecretGateCheck.Run(new FailingGate(), [("reports/a.log", tree.PathOf("reports/a.log"))], new SecretRedactor());
        var finding = Assert.Single(findings);
        Assert.Equal("scan-failed", finding.RuleId);
        Assert.Contains("disk on fire", finding.Description);
    }

    [Fact]
    public async Task A_file_the_gate_could_not_read_stops_the_archive_and_the_message_says_so_not_secret()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var log = new TestLog();

        var result = await Archiving.RunAsync(tree, Archiving.Settings(new UnreadableGate("openai-resilience-20251014.log")), log);

        Assert.Equal(ArchiveStatus.BlockedBySecrets, result.Status);
        Assert.Equal("blocked: 1 file(s) the secrets gate could not read", result.Headline);
        Assert.StartsWith("The secrets gate could not read 1 file(s) to be archived: reports/openai-resilience-20251014.log (could not be read by the secrets gate: permission denied). Nothing was archived",
            result.Outcome.Failure);
        Assert.DoesNotContain("secret(s)", result.Outcome.Failure);
        Assert.Contains("Not scanned: reports/openai-resilience-20251014.log (could not be read by the secrets gate: permission denied)", log.Text);
        Assert.Empty(Directory.GetFiles(tree.Root, "evidence-*", SearchOption.AllDirectories));
    }

    /// <summary>Reports one file as BuiltInScannerGate reports a file its scanner could not read.</summary>
    private sealed class UnreadableGate(string fileName) : ISecretGate
    {
        public string Name => "unreadable-file gate";
        public IReadOnlyList<GateFinding> Scan(string path) => Path.GetFileName(path) == fileName
            ? [new GateFinding(path, 0, "not-scanned", "could not be read by the secrets gate: permission denied", "")]
            : [];
    }

    private sealed class FailingGate : ISecretGate
    {
        public string Name => "failing gate";
        public IReadOnlyList<GateFinding> Scan(string path) => throw new IOException("disk on fire");
    }
}

public class PageGateTests
{
    [Fact]
    public async Task A_page_that_would_carry_a_secret_is_blocked_and_removed()
    {
        const string planted = "host-with-PLANTEDsecret-42";   // reaches only the generated page, through the host name; pipeline:allow-secret
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var settings = Archiving.Settings(new PlantedValueGate(planted)) with { Host = planted };

        var result = await Archiving.RunAsync(tree, settings);

        Assert.Equal(ArchiveStatus.BlockedBySecrets, result.Status);
        Assert.Equal("docs/evidence/story-2.8-evidence-20251014.md", Assert.Single(result.SecretFindings).File);
        Assert.False(File.Exists(tree.PathOf("docs/evidence/story-2.8-evidence-20251014.md")));
        Assert.False(File.Exists(tree.PathOf("reports/evidence-20251014.zip")));
    }
}
