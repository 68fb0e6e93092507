using Pipeline.Core.Evidence;
using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Tests.Catalogue;

public class DeliverableCatalogueTests
{
    // The story's "Deliverables" list, spelled exactly as the story spells it.
    private static readonly string[] StoryList =
    [
        "reports/secrets-scan-YYYYMMDD.txt", "reports/detect-secrets-raw-YYYYMMDD.json", "reports/ci-secrets-scan-YYYYMMDD.log",
        "reports/openai-resilience-YYYYMMDD.log", "reports/supabase-downtime-drill-YYYYMMDD.log", "reports/db_connectivity_test_YYYYMMDD.log",
        "reports/p95_k6_YYYYMMDD.json", "reports/metrics-p95-YYYYMMDD.md", "docs/screenshots/p95-dashboard-YYYYMMDD.png",
        "docs/operations/secrets-rotation.md", "docs/operations/openai-supabase-fallback-runbook.md", "docs/monitoring/external-services-dashboard.md",
    ];

    [Fact]
    public void Story_deliverables_are_required_and_spelled_as_in_the_story()
    {
        var story = DeliverableCatalogue.Story281.Deliverables.Where(d => d.FromStory).ToList();
        Assert.Equal(StoryList.Order(), story.Select(d => d.Template.Replace("{date}", "YYYYMMDD")).Order());
        Assert.All(story, d => Assert.True(d.Required, d.Template));
    }

    [Fact]
    public void Every_deliverable_names_its_target_and_known_criteria_and_ids_are_unique()
    {
        var catalogue = DeliverableCatalogue.Story281;
        var criteria = catalogue.Criteria.Select(c => c.Id).ToHashSet();
        Assert.Equal(catalogue.Deliverables.Count, catalogue.Deliverables.Select(d => d.Id).Distinct().Count());
        Assert.Equal(catalogue.Deliverables.Count, catalogue.Deliverables.Select(d => d.Template).Distinct().Count());
        Assert.All(catalogue.Deliverables, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.ProducedBy));
            Assert.NotEmpty(d.Criteria);
            Assert.All(d.Criteria, c => Assert.Contains(c, criteria));
        });
    }

    [Fact]
    public void The_deliverables_are_the_evidence_names_without_the_archives_own_outputs_in_the_catalogues_order()
    {
        var names = EvidenceNames.All.Where(n => n.Role != EvidenceRole.ArchiveOutput).ToList();
        Assert.Equal(names.Select(n => (n.Id, n.Template, n.ProducedBy)), DeliverableCatalogue.Story281.Deliverables.Select(d => (d.Id, d.Template, d.ProducedBy)));
        Assert.DoesNotContain(DeliverableCatalogue.Story281.Deliverables, d => d.Template == EvidenceNames.EvidenceArchive.Template);
    }

    [Theory]
    [InlineData("reports/secrets-scan-{date}.sarif")]
    [InlineData("reports/openai-resilience-{date}.junit.xml")]
    [InlineData("reports/p95_k6_{date}.summary.json")]
    [InlineData("reports/p95-server-metrics-{date}-before.prom")]
    [InlineData("reports/p95-delta-action-{date}.md")]
    [InlineData("reports/metrics-p95-{date}.json")]
    [InlineData("reports/health/diff-{date}.md")]
    [InlineData("reports/health/history.jsonl")]
    public void Pipeline_additions_are_catalogued_as_optional(string template)
    {
        var deliverable = Assert.Single(DeliverableCatalogue.Story281.Deliverables, d => d.Template == template);
        Assert.False(deliverable.Required);
    }
}
