using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.Naming;

public class NamingCheckTests
{
    private static readonly DateOnly Day = new(2025, 10, 14);

    [Fact]
    public void Picks_the_newest_file_of_the_evidence_date()
    {
        using var tree = new EvidenceTree()
            .Write("reports/p95_k6_20251014.json", "first")
            .Write("reports/p95_k6_20251014-090000.json", "second")
            .Write("reports/p95_k6_20251014-090000-2.json", "third")
            .Write("reports/p95_k6_20251015.json", "next day");

        var report = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);

        var chosen = report.For("p95-k6")!;
        Assert.Equal("reports/p95_k6_20251014-090000-2.json", chosen.RelativePath);
        Assert.Equal(3, chosen.Candidates);
    }

    [Fact]
    public void Optional_files_come_from_the_targets_last_run_only()
    {
        // Run 1 (plain names) went over the delta limit and wrote an action file; run 2 (-101500) did not.
        using var tree = new EvidenceTree()
            .Write("reports/metrics-p95-20251014.md", "run 1").Write("reports/metrics-p95-20251014.json", "{}")
            .Write("reports/p95-delta-action-20251014.md", "run 1 action")
            .Write("reports/metrics-p95-20251014-101500.json", "{}")
            .Write("docs/screenshots/p95-dashboard-20251014-101500.png", "png");

        var report = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);

        Assert.Null(report.For("p95-delta-action"));
        Assert.Contains(report.Missing, m => m.Deliverable.Id == "p95-delta-action");
        Assert.Equal("reports/metrics-p95-20251014-101500.json", report.For("metrics-p95-json")!.RelativePath);
        Assert.Equal("reports/metrics-p95-20251014.md", report.For("metrics-p95-md")!.RelativePath);   // required: its newest, even from run 1
    }

    [Fact]
    public void Lists_misnamed_files_with_the_expected_name()
    {
        using var tree = new EvidenceTree()
            .Write("reports/openai-resilience_20251014.log", "x")          // the story's own slip
            .Write("reports/p95_k6_2025-10-14.json", "x")
            .Write("reports/supabase-downtime-drill.log", "x")             // no date at all
            .Write("reports/supabase-downtime-drill_20251013.log", "x")    // another day: not this archive's
            .Write("reports/notes.txt", "x");                              // not a deliverable at all

        var report = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);

        Assert.Equal(
            [
                ("reports/openai-resilience_20251014.log", "reports/openai-resilience-20251014.log"),
                ("reports/p95_k6_2025-10-14.json", "reports/p95_k6_20251014.json"),
                ("reports/supabase-downtime-drill.log", "reports/supabase-downtime-drill-20251014.log"),
            ],
            report.Misnamed.Select(m => (m.RelativePath, m.ExpectedPath)).Order().ToArray());
        Assert.Contains(report.Missing, m => m.Deliverable.Id == "openai-resilience");
    }

    [Fact]
    public void Lists_missing_deliverables_per_criterion()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        File.Delete(tree.PathOf("reports/metrics-p95-20251014.md"));

        var report = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);
        var byCriterion = report.MissingByCriterion(DeliverableCatalogue.Story281);

        foreach (var criterion in new[] { "AC3.1", "AC3.2", "AC3.3" })
            Assert.Equal("reports/metrics-p95-20251014.md", Assert.Single(byCriterion[criterion], m => m.Deliverable.Required).ExpectedPath);
        Assert.Empty(byCriterion["AC1.2"]);
        Assert.Contains(report.Missing, m => m.Deliverable.Id == "p95-delta-action" && !m.Deliverable.Required);
    }

    [Fact]
    public void A_complete_day_has_no_required_gap_and_nothing_misnamed()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var report = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, Day);
        Assert.Empty(report.MissingRequired);
        Assert.Empty(report.Misnamed);
        Assert.Equal(DeliverableCatalogue.Story281.Deliverables.Count - 1, report.Selected.Count);   // only the optional delta action is absent
    }
}
