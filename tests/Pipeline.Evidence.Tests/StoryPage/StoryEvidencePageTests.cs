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
        var page = Render(first => first with { Reason = "a | pipe" }, "reports/evidence-20251014.zip");

        AssertTableKeepsItsColumns(page);
        Assert.Contains("a \\| pipe", page);
        Assert.Contains("commit `0123456789ab`", page);
        Assert.Contains("./build.sh VerifyEvidence --archive reports/evidence-20251014.zip", page);
        Assert.Contains("reports/metrics-p95-20251014.json: endpoints[].name + latency.p95", page);
    }

    [Fact]
    public void File_names_figures_and_reasons_are_escaped_so_each_row_keeps_its_four_columns_and_shows_no_markup()
    {
        const string hostile = "x|y <script>\u202E`";
        var page = Render(first => first with { Reason = hostile, Files = ["reports/" + hostile], Figures = [hostile] }, "reports/" + hostile + ".zip");

        var firstRow = AssertTableKeepsItsColumns(page);
        Assert.Contains(@": x\|y &lt;script&gt;U+202E\` | `reports/x\|y <script>U+202E'` | x\|y &lt;script&gt;U+202E\` |", firstRow);
        Assert.DoesNotContain("\u202E", page);
        // Inside a code span HTML is shown as text; everywhere else it must be escaped.
        Assert.DoesNotContain("<script>", System.Text.RegularExpressions.Regex.Replace(page, @"(?<!\\)`[^`\n]*`", ""));
    }

    // The page of a complete evidence tree, its first criterion row changed by the test.
    private static string Render(Func<CriterionAssessment, CriterionAssessment> changeFirstRow, string archivePath)
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var naming = NamingCheck.Run(tree.Root, DeliverableCatalogue.Story281, new DateOnly(2025, 10, 14));
        var figures = EvidenceFigureCollector.Collect(naming);
        var rows = CriterionAssessor.Assess(DeliverableCatalogue.Story281, naming, figures, 10, "docs/evidence/page.md").ToList();
        rows[0] = changeFirstRow(rows[0]);
        return StoryEvidencePage.Render(new StoryEvidencePage.Context(DeliverableCatalogue.Story281, naming, figures, rows,
            archivePath, new GitState("0123456789abcdef", "main", false), "host", new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero)));
    }

    // Twelve criterion rows of four cells each (escaped pipes are not cell borders); returns the first.
    private static string AssertTableKeepsItsColumns(string page)
    {
        var tableRows = page.Split('\n').Where(l => l.StartsWith("| AC", StringComparison.Ordinal) && !l.StartsWith("| AC |", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, tableRows.Count);
        Assert.All(tableRows, r => Assert.Equal(5, r.Replace("\\|", "").Count(c => c == '|')));
        return tableRows[0];
    }
}
