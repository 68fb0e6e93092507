using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.StoryPage;

public class ToolFormatReaderTests
{
    [Fact]
    public void Reads_request_count_and_endpoint_p95_from_a_real_k6_summary_export()
    {
        var result = K6SummaryReader.ReadSummary(EvidenceTree.Fixture("k6", "k6-run-B.summary.json"))!;
        Assert.Equal(313, result.Requests);
        var chat = Assert.Single(result.Endpoints);
        Assert.Equal("chat", chat.Name);
        Assert.Equal(160.2508584, chat.ClientP95Ms!.Value, 6);
    }

    [Fact]
    public void Counts_http_reqs_points_in_real_k6_ndjson() =>
        Assert.Equal(313, K6SummaryReader.CountRequests(EvidenceTree.Fixture("k6", "k6-run-B.ndjson")));

    [Fact]
    public void Counts_results_of_a_real_detect_secrets_baseline()
    {
        var count = SecretsReportReader.CountDetectSecretsResults(EvidenceTree.Fixture("detect-secrets", "baseline-v1.5.0-real.json"));
        Assert.NotNull(count);
        Assert.True(count > 0);
    }

    [Fact]
    public void Counts_trufflehog_json_lines_and_refuses_to_guess_on_other_text()
    {
        Assert.Equal(File.ReadLines(EvidenceTree.Fixture("trufflehog", "filesystem-scan.jsonl")).Count(l => l.Trim().Length > 0),
            SecretsReportReader.CountJsonLines(EvidenceTree.Fixture("trufflehog", "filesystem-scan.jsonl")));
        using var tree = new EvidenceTree().Write("scan.txt", "Found 3 secrets\n");
        Assert.Null(SecretsReportReader.CountJsonLines(tree.PathOf("scan.txt")));
    }

    [Fact]
    public void Counts_junit_cases_and_failures()
    {
        using var tree = new EvidenceTree().Write("j.xml",
            """<testsuites><testsuite><testcase name="a"/><testcase name="b"><failure message="x"/></testcase><testcase name="c"><error/></testcase></testsuite></testsuites>""");
        Assert.Equal(new TestCounts(3, 2), JUnitReader.Read(tree.PathOf("j.xml")));
        tree.Write("bad.xml", "<testsuites><testcase");
        Assert.Null(JUnitReader.Read(tree.PathOf("bad.xml")));
    }

    [Fact]
    public void Reads_verdict_and_recovery_column_of_the_downtime_drill_log()
    {
        using var tree = new EvidenceTree().Write("d.log", EvidenceTree.DowntimeDrillLog("FAIL"));
        var summary = DrillLogReader.Read(tree.PathOf("d.log"));
        Assert.Equal("FAIL", summary.Verdict);
        Assert.False(summary.Passed);
        Assert.Equal(["down 412 ms", "reset_peer 95 ms"], summary.RecoveryTimes);   // not the "max recovery 30 s" limit, not the skipped fault
    }

    [Theory]
    [InlineData("PASSED: 6/6 scenarios", true)]
    [InlineData("FAILED: quota scenario made 2 attempts", false)]
    [InlineData("HEALTHY", true)]
    [InlineData("UNHEALTHY at step 'auth' (AuthenticationFailed, SQLSTATE 28P01)", false)]
    [InlineData("inconclusive", null)]
    public void Reads_the_result_line_of_any_drill_log(string result, bool? passed)
    {
        using var tree = new EvidenceTree().Write("o.log", EvidenceTree.OpenAIDrillLog(result));
        var summary = DrillLogReader.Read(tree.PathOf("o.log"));
        Assert.Equal(result, summary.Verdict);
        Assert.Equal(passed, summary.Passed);
    }

    [Fact]
    public void Falls_back_to_prose_recovery_lines_and_ignores_limits()
    {
        using var tree = new EvidenceTree().Write("d.log", "max recovery 30 s\nfault down: recovered in 11.3 s after 4 attempts\nreset_peer: recovery 850 ms\n");
        var summary = DrillLogReader.Read(tree.PathOf("d.log"));
        Assert.Null(summary.Verdict);
        Assert.Equal(["11.3 s", "850 ms"], summary.RecoveryTimes);
        Assert.Same(DrillLogSummary.Empty, DrillLogReader.Read(tree.PathOf("absent.log")));
    }
}
