using System.Text.Json.Nodes;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.Ledger;

/// <summary>ArchiveEvidence archives one run as its ledger recorded it, and refuses a set whose links disagree.</summary>
public class RunLedgerArchiveTests
{
    private static Task<ArchiveResult> Archive(EvidenceTree tree, string? runId = null) =>
        Archiving.RunAsync(tree, Archiving.Settings() with { RunId = runId });

    [Fact]
    public async Task Files_from_before_the_ledger_are_refused_with_the_command_to_rerun()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();

        var error = await Assert.ThrowsAsync<UserInputException>(() => Archive(tree));

        Assert.Contains("predate the ledger", error.Message);
        Assert.EndsWith("Rerun the chain: ./build.sh ArchiveEvidence", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Without_a_run_id_the_newest_complete_run_is_archived_and_an_incomplete_newer_one_is_passed_over()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var drillLog = File.ReadAllText(tree.PathOf("reports/openai-resilience-20251014.log"));
        File.Delete(tree.PathOf("reports/openai-resilience-20251014.log"));
        tree.RecordRun("incomplete");   // recorded later, but lacks a required deliverable
        tree.Write("reports/openai-resilience-20251014.log", drillLog);

        var result = await Archive(tree);

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        Assert.Equal(EvidenceTree.RunId, (string?)JsonNode.Parse(File.ReadAllText(result.ManifestPath!))!["runId"]);
    }

    [Fact]
    public async Task The_run_this_invocation_recorded_is_archived_even_when_a_newer_complete_run_exists()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun("this-invocation");
        tree.RecordRun();   // a complete run recorded later by someone else
        var context = Archiving.Context(tree);
        context.Evidence.UseRunId("this-invocation");
        context.Evidence.BeginTarget("Summarize");
        context.Evidence.WriteText("reports/metrics-p95-{date}.md", "# P95\n| endpoint | p95 |\n|---|---|\n| chat | 160.3 ms |\n");

        var result = await EvidenceArchiver.RunAsync(Archiving.Settings(), context);

        Assert.Equal("this-invocation", (string?)JsonNode.Parse(File.ReadAllText(result.ManifestPath!))!["runId"]);
    }

    [Fact]
    public async Task A_file_of_another_run_is_never_mixed_in()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        // A later, unrelated scan writes a newer file of the same day outside this run.
        tree.Write("reports/secrets-scan-20251014-120000.txt", "{\"DetectorName\":\"Other\"}\n");

        var result = await Archive(tree);

        Assert.Equal("reports/secrets-scan-20251014.txt", result.Naming.For("secrets-scan")!.RelativePath);
    }

    [Fact]
    public async Task A_file_changed_since_the_ledger_recorded_it_is_refused_in_one_line()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        tree.Write("reports/openai-resilience-20251014.log", EvidenceTree.OpenAIDrillLog("PASSED: edited by hand"));

        var error = await Assert.ThrowsAsync<UserInputException>(() => Archive(tree));

        Assert.StartsWith($"reports/openai-resilience-20251014.log changed since run {EvidenceTree.RunId} recorded it", error.Message);
        Assert.Empty(Directory.GetFiles(tree.PathOf("reports"), "evidence-*"));
    }

    [Fact]
    public async Task A_p95_report_of_other_raw_results_is_refused()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        var json = JsonNode.Parse(File.ReadAllText(tree.PathOf("reports/metrics-p95-20251014.json")))!;
        json["results"]![0]!["sha256"] = new string('a', 64);
        json["results"]![0]!["path"] = "/tmp/someone-elses.ndjson";
        tree.Write("reports/metrics-p95-20251014.json", json.ToJsonString()).RecordRun();

        var error = await Assert.ThrowsAsync<UserInputException>(() => Archive(tree));

        Assert.StartsWith("reports/metrics-p95-20251014.json summarises /tmp/someone-elses.ndjson (sha256 aaaaaaaaaaaa...), which is not a k6 NDJSON of run", error.Message);
    }

    [Fact]
    public async Task A_p95_report_that_does_not_name_its_results_is_not_met()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        tree.Write("reports/metrics-p95-20251014.json", """{"requests":313,"endpoints":[{"name":"chat","p95Ms":160.25}]}""").RecordRun();

        var result = await Archive(tree);

        var ac31 = result.Criteria.Single(c => c.Criterion == "AC3.1");
        Assert.Equal(CriterionStatus.NotMet, ac31.Status);
        Assert.Contains("reports/metrics-p95-20251014.json does not list the k6 results it summarises", ac31.Reason);
    }

    [Fact]
    public async Task Evidence_of_a_failed_target_a_foreign_scan_root_or_fail_on_none_is_not_met()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun(
            outcomes: new Dictionary<string, string> { ["DrillOpenAI"] = RunLedgerEntry.Failed },
            parameters: new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["ScanSecrets"] = new Dictionary<string, string> { ["ScanRoot"] = "/srv/unrelated", ["FailOn"] = "None" },
            });

        var result = await Archive(tree);

        var ac22 = result.Criteria.Single(c => c.Criterion == "AC2.2");
        Assert.Equal(CriterionStatus.NotMet, ac22.Status);
        Assert.Contains($"DrillOpenAI failed in run {EvidenceTree.RunId}", ac22.Reason);
        var ac12 = result.Criteria.Single(c => c.Criterion == "AC1.2");
        Assert.Equal(CriterionStatus.NotMet, ac12.Status);
        Assert.Contains("the secrets scan covered /srv/unrelated, not the repository root", ac12.Reason);
        Assert.Contains("--fail-on none", ac12.Reason);
        Assert.Equal(CriterionStatus.Met, result.Criteria.Single(c => c.Criterion == "AC3.1").Status);
        Assert.Contains("DrillOpenAI failed in run", File.ReadAllText(result.PagePath!));
    }

    [Theory]
    [InlineData("UpdateBaseline", "True", "--update-baseline")]
    [InlineData("AllowUnscanned", "docs/*.pdf,**/*", "--allow-unscanned '**/*'")]
    [InlineData("AllowUnscanned", "*", "--allow-unscanned '*'")]
    [InlineData("AllowUnscanned", "**", "--allow-unscanned '**'")]
    public async Task A_scan_that_accepted_its_own_findings_or_every_unscanned_file_is_not_met(string parameter, string value, string wording)
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        tree.RecordRun(parameters: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["ScanSecrets"] = new Dictionary<string, string> { ["ScanRoot"] = tree.Root, ["FailOn"] = "New", [parameter] = value },
        });

        var result = await Archive(tree);

        var ac12 = result.Criteria.Single(c => c.Criterion == "AC1.2");
        Assert.Equal(CriterionStatus.NotMet, ac12.Status);
        Assert.Contains(wording, ac12.Reason);
    }

    [Fact]
    public async Task A_scan_without_update_baseline_and_with_narrow_allowed_globs_counts()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        tree.RecordRun(parameters: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["ScanSecrets"] = new Dictionary<string, string> { ["ScanRoot"] = tree.Root, ["UpdateBaseline"] = "False", ["AllowUnscanned"] = "assets/*.xz,docs/**/*.pdf" },
        });

        var result = await Archive(tree);

        Assert.Equal(CriterionStatus.Met, result.Criteria.Single(c => c.Criterion == "AC1.2").Status);
    }

    [Fact]
    public async Task A_scan_of_the_repository_root_with_the_default_fail_on_counts()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence();
        tree.RecordRun(parameters: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["ScanSecrets"] = new Dictionary<string, string> { ["ScanRoot"] = tree.Root + "/", ["FailOn"] = "New" },
        });

        var result = await Archive(tree);

        Assert.Equal(CriterionStatus.Met, result.Criteria.Single(c => c.Criterion == "AC1.2").Status);
    }

    [Fact]
    public async Task An_unknown_run_id_names_the_known_runs()
    {
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();

        var error = await Assert.ThrowsAsync<UserInputException>(() => Archive(tree, "nope"));

        Assert.Equal($"No run ledger reports/runs/nope.jsonl: no target recorded evidence under run id 'nope' (newest runs: {EvidenceTree.RunId}). " +
                     "Rerun the chain: ./build.sh ArchiveEvidence --run-id nope", error.Message);
    }
}
