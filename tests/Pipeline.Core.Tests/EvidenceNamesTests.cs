using System.IO.Enumeration;
using Pipeline.Core.Evidence;

namespace Pipeline.Core.Tests;

public class EvidenceNamesTests
{
    // The names QA looks for, spelled exactly as the story's seed spells them.
    public static TheoryData<string, string> SeedNames => new()
    {
        { "metrics-p95-md", "reports/metrics-p95-YYYYMMDD.md" },
        { "p95-k6", "reports/p95_k6_YYYYMMDD.json" },
        { "p95-dashboard-png", "docs/screenshots/p95-dashboard-YYYYMMDD.png" },
        { "secrets-scan", "reports/secrets-scan-YYYYMMDD.txt" },
        { "detect-secrets-raw", "reports/detect-secrets-raw-YYYYMMDD.json" },
        { "ci-secrets-scan", "reports/ci-secrets-scan-YYYYMMDD.log" },
        { "openai-resilience", "reports/openai-resilience-YYYYMMDD.log" },
        { "supabase-downtime-drill", "reports/supabase-downtime-drill-YYYYMMDD.log" },
        { "db-connectivity-test", "reports/db_connectivity_test_YYYYMMDD.log" },
    };

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void The_catalogue_spells_the_seeds_names_and_lists_them_as_story_deliverables(string id, string seedName)
    {
        var name = Assert.Single(EvidenceNames.All, n => n.Id == id);
        Assert.Equal(seedName, name.Template.Replace(EvidenceStore.DateToken, "YYYYMMDD", StringComparison.Ordinal));
        Assert.Equal(EvidenceRole.StoryDeliverable, name.Role);
    }

    [Fact]
    public void Ids_and_templates_are_unique_and_every_name_has_a_producer_criteria_and_description()
    {
        Assert.Equal(EvidenceNames.All.Count, EvidenceNames.All.Select(n => n.Id).Distinct().Count());
        Assert.Equal(EvidenceNames.All.Count, EvidenceNames.All.Select(n => n.Template).Distinct().Count());
        Assert.All(EvidenceNames.All, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.ProducedBy), n.Id);
            Assert.NotEmpty(n.Criteria);
            Assert.All(n.Criteria, c => Assert.Matches(@"^AC[1-4]\.[1-3]$", c));
            Assert.False(string.IsNullOrWhiteSpace(n.Description), n.Id);
        });
    }

    [Fact]
    public void Every_file_a_name_gives_a_run_is_found_by_its_glob_also_with_the_time_a_second_run_appends()
    {
        Assert.All(EvidenceNames.All, n =>
        {
            foreach (var stamp in new[] { "20251014", "20251014-145728", "20251014-145728-2" })
                Assert.True(FileSystemName.MatchesSimpleExpression(n.Glob, n.Template.Replace(EvidenceStore.DateToken, stamp, StringComparison.Ordinal), ignoreCase: false),
                    $"{n.Glob} misses {stamp}");
        });
    }

    [Theory]
    [InlineData("reports/p95-server-metrics-{date}-before.prom", "reports/p95-server-metrics-*.prom")]
    [InlineData("reports/openai-resilience-{date}.junit.xml", "reports/openai-resilience-*.junit.xml")]
    [InlineData("docs/evidence/story-2.8-evidence-{date}.md", "docs/evidence/story-2.8-evidence-*.md")]
    [InlineData("reports/health/history.jsonl", "reports/health/history.jsonl")]
    public void A_glob_replaces_the_date_and_the_rest_of_the_stem(string template, string glob) =>
        Assert.Equal(glob, new EvidenceName("x", template, "T", ["AC1.1"], "x", EvidenceRole.Extra).Glob);

    [Fact]
    public void Globs_of_several_names_drop_repeats_and_globs_another_one_covers()
    {
        Assert.Equal(["reports/p95_k6_*.json", "reports/p95-server-metrics-*.prom"],
            EvidenceNames.GlobsOf(EvidenceNames.P95K6, EvidenceNames.P95K6Summary, EvidenceNames.P95ServerMetricsBefore, EvidenceNames.P95ServerMetricsAfter));
        Assert.Equal(["reports/metrics-p95-*.md", "reports/metrics-p95-*.json"], EvidenceNames.GlobsOf(EvidenceNames.MetricsP95Markdown, EvidenceNames.MetricsP95Json));
    }

    [Theory]
    [InlineData("p95-server-metrics-20251014-before.prom", "20251014")]
    [InlineData("p95-server-metrics-20251014-145728-before.prom", "20251014-145728")]
    [InlineData("p95-server-metrics-20251014-after.prom", null)]
    [InlineData("p95-server-metrics--before.prom", null)]
    public void The_stamp_of_a_file_name_is_what_stands_where_the_date_token_was(string fileName, string? stamp)
    {
        Assert.Equal(stamp, EvidenceNames.P95ServerMetricsBefore.StampOf(fileName));
        if (stamp is not null) Assert.Equal(fileName, EvidenceNames.P95ServerMetricsBefore.FileNameFor(stamp));
    }
}
