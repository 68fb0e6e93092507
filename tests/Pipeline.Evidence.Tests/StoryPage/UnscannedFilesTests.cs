using Pipeline.Core.Text;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Manifest;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Tests.Support;
using Pipeline.Secrets;
using Pipeline.Secrets.Reports;
using Pipeline.Secrets.Sanitisation;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Evidence.Tests.StoryPage;

/// <summary>
/// What the scan could not read reaches the evidence page (#14.2): the reader takes the Coverage line as
/// ScanSecrets writes it, and "no secret in clear" is not met while unaccepted files went unread.
/// </summary>
public class UnscannedFilesTests
{
    private static readonly DateOnly Day = new(2025, 10, 14);

    /// <summary>The scan log exactly as ScanLogWriter writes it, with the given unread files.</summary>
    private static string ScanLog(params SkippedFile[] skipped)
    {
        var result = new SecretScanResult([], [], 40, 4096, skipped, TimeSpan.FromSeconds(1),
            new SanitisationReport(["reports"], 12, 0, [], [], 0),
            new SecretScanReports("/repo/reports/a.json", "/repo/reports/b.json", "/repo/reports/c.sarif", "/repo/reports/ci-secrets-scan-20251014.log", null),
            FailOn.Any);
        return ScanLogWriter.Write(result, new SecretScanSettings("/repo"), new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero), 0, 31);
    }

    private static readonly SkippedFile Locked = new("docs/locked.md", "permission denied", SkipKind.Unscanned, 12_000);
    private static readonly SkippedFile Dangling = new("docs/link.md", "broken link", SkipKind.Unscanned, 345) { Accepted = true };

    private static IReadOnlyList<CriterionAssessment> Rows(EvidenceTree tree, string scanLog)
    {
        tree.Write("reports/ci-secrets-scan-20251014.log", scanLog);
        var naming = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);
        return CriterionAssessor.Assess(DeliverableCatalogue.Story281, naming, EvidenceFigureCollector.Collect(naming), 10, "docs/evidence/page.md");
    }

    [Fact]
    public void The_reader_takes_files_bytes_and_unaccepted_from_the_log_the_scanner_writes()
    {
        using var tree = new EvidenceTree();
        foreach (var (skipped, expected) in new[]
                 {
                     (Array.Empty<SkippedFile>(), new ScanGap(0, 0, 0)),
                     ([Locked, Dangling], new ScanGap(2, 12_345, 1)),
                     ([Dangling], new ScanGap(1, 345, 0)),
                 })
        {
            tree.Write("reports/scan.log", ScanLog(skipped));
            Assert.Equal(expected, SecretsScanLogReader.Read(tree.PathOf("reports/scan.log")).Unscanned);
        }
        tree.Write("reports/old.log", EvidenceTree.SecretsScanLog(0, true, unscanned: null));
        Assert.Null(SecretsScanLogReader.Read(tree.PathOf("reports/old.log")).Unscanned);
    }

    [Fact]
    public void Unaccepted_unread_files_make_AC1_2_and_AC1_3_not_met_with_their_bytes()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var rows = Rows(tree, ScanLog(Locked, Dangling));

        foreach (var criterion in new[] { "AC1.2", "AC1.3" })
        {
            var row = rows.Single(r => r.Criterion == criterion);
            Assert.Equal(CriterionStatus.NotMet, row.Status);
            Assert.Contains("1 file(s) the scan could not read (12,345 bytes unread in all) and not accepted with --allow-unscanned", row.Reason);
        }
        Assert.StartsWith("no secret in clear is not proven: ", rows.Single(r => r.Criterion == "AC1.3").Reason);
        Assert.Contains("unscanned: 2 file(s), 12,345 bytes unread, 1 not accepted", rows.Single(r => r.Criterion == "AC1.2").Figures);
        Assert.Contains("scan unscanned: 2 file(s), 12,345 bytes unread, 1 not accepted", rows.Single(r => r.Criterion == "AC1.3").Figures);
    }

    [Fact]
    public void Files_accepted_unscanned_are_met_and_counted()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var rows = Rows(tree, ScanLog(Dangling));

        var ac13 = rows.Single(r => r.Criterion == "AC1.3");
        Assert.Equal(CriterionStatus.Met, ac13.Status);
        Assert.EndsWith("; 1 file(s) accepted unscanned (--allow-unscanned)", ac13.Reason);
        Assert.Contains("scan unscanned: 1 file(s), 345 bytes unread, all accepted with --allow-unscanned", ac13.Figures);
        Assert.Equal(("1 file(s) accepted unscanned (--allow-unscanned)", CriterionStatus.Met), (rows.Single(r => r.Criterion == "AC1.2").Reason, rows.Single(r => r.Criterion == "AC1.2").Status));
    }

    [Fact]
    public void A_log_that_does_not_say_what_went_unread_is_partial_not_met()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var rows = Rows(tree, EvidenceTree.SecretsScanLog(newFindings: 0, checklistDone: true, unscanned: null));

        foreach (var criterion in new[] { "AC1.2", "AC1.3" })
        {
            var row = rows.Single(r => r.Criterion == criterion);
            Assert.Equal(CriterionStatus.Partial, row.Status);
            Assert.Contains("the scan log does not say how many files went unread", row.Reason);
            Assert.Contains(row.Figures, f => f.EndsWith("unscanned: not recorded in the scan log", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Secrets scan\nnothing a reader can use\n\nSanitisation checklist\n[x] reports redacted\n")]
    public void A_scan_log_with_no_findings_or_unscanned_line_is_not_met(string content)
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var row = Rows(tree, content).Single(r => r.Criterion == "AC1.2");

        Assert.Equal(CriterionStatus.NotMet, row.Status);
        Assert.StartsWith("the scan log could not be read", row.Reason);
    }

    [Fact]
    public void The_page_shows_the_unread_files_and_bytes()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var rows = Rows(tree, ScanLog(Locked));
        var naming = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);

        var page = StoryEvidencePage.Render(new StoryEvidencePage.Context(DeliverableCatalogue.Story281, naming, EvidenceFigureCollector.Collect(naming), rows,
            "reports/evidence-20251014.zip", new GitState("0123456789abcdef", "main", false), "host", new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero)));

        var ac13 = Assert.Single(page.Split('\n'), l => l.StartsWith("| AC1.3", StringComparison.Ordinal));
        // The cells are Markdown-escaped (parentheses included) like every value the page copies.
        Assert.Contains(UntrustedText.Markdown("not met: no secret in clear is not proven: 1 file(s) the scan could not read (12,000 bytes unread in all)"), ac13);
        Assert.Contains(UntrustedText.Markdown("scan unscanned: 1 file(s), 12,000 bytes unread, 1 not accepted"), ac13);
        Assert.Contains("the Coverage 'Unscanned: N file(s), B bytes unread' line", page);
    }
}
