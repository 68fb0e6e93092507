using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Manifest;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.StoryPage;

public class StoryEvidencePageTests
{
    [Fact]
    public void Renders_one_table_row_per_criterion_with_escaped_cells()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var naming = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, new DateOnly(2025, 10, 14));
        var figures = EvidenceFigureCollector.Collect(naming);
        var rows = CriterionAssessor.Assess(DeliverableCatalogue.Story281, naming, figures, 10, "docs/evidence/page.md").ToList();
        rows[0] = rows[0] with { Reason = "a | pipe" };

        var page = StoryEvidencePage.Render(new StoryEvidencePage.Context(DeliverableCatalogue.Story281, naming, figures, rows,
            "reports/evidence-20251014.zip", new GitState("0123456789abcdef", "main", false), "host", new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero)));

        var tableRows = page.Split('\n').Where(l => l.StartsWith("| AC", StringComparison.Ordinal) && !l.StartsWith("| AC |", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, tableRows.Count);
        Assert.All(tableRows, r => Assert.Equal(5, r.Replace("\\|", "").Count(c => c == '|')));
        Assert.Contains("a \\| pipe", page);
        Assert.Contains("commit `0123456789ab`", page);
        Assert.Contains("./build.sh VerifyEvidence --archive reports/evidence-20251014.zip", page);
        Assert.Contains("reports/metrics-p95-20251014.json: endpoints[].name + latency.p95", page);
    }
}
