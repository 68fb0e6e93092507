using Pipeline.Targets.CI.GitHubActions;
using YamlDotNet.Serialization;

namespace Pipeline.Build.Tests;

/// <summary>The committed workflows are the ones the build generates, and they do what the user story asks.</summary>
public class GeneratedWorkflowsTests
{
    private static readonly IReadOnlyList<(string RelativePath, string Text)> Generated =
        GitHubActionsGenerator.Generate(new global::Build(), RepositoryRoot.Path);

    [Fact]
    public void Every_committed_workflow_is_what_the_build_generates()
    {
        var differences = GitHubActionsGenerator.Differences(new global::Build(), RepositoryRoot.Path);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void The_four_workflows_exist()
    {
        Assert.Equal([".github/workflows/evidence.yml", ".github/workflows/nightly-health.yml", ".github/workflows/p95.yml", ".github/workflows/pipeline.yml"],
            Generated.Select(g => g.RelativePath));
    }

    [Fact]
    public void Pipeline_tests_then_scans_the_repository_and_its_own_reports_and_sends_the_sarif_to_code_scanning()
    {
        var workflow = Workflow("pipeline");
        Assert.Equal(["main"], Strings(Map(Map(workflow["on"])["push"])["branches"]));
        Assert.True(Map(workflow["on"]).ContainsKey("pull_request"));
        Assert.Equal("write", Map(workflow["permissions"])["security-events"]);

        var steps = Steps(workflow, "ubuntu-latest");
        Assert.Equal(["./build.sh Test", "./build.sh ScanSecrets --fail-on new --scan-paths reports", "./build.sh AuditSecrets"],
            steps.Where(s => Text(s, "run")?.StartsWith("./build.sh") == true).Select(s => Text(s, "run")));
        Assert.Equal("${{ !cancelled() }}", Text(steps.Single(s => Text(s, "run")?.Contains("ScanSecrets") == true), "if"));
        var sarif = steps.Single(s => Text(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@") == true);
        Assert.Contains("hashFiles('reports/secrets-scan-*.sarif')", Text(sarif, "if"));
        Assert.Equal("true", Text(sarif, "continue-on-error"));
        var upload = Text(Map(steps.Single(s => Text(s, "uses") == "actions/upload-artifact@v4")["with"]), "path")!;
        Assert.Contains("reports/secrets-scan-*.sarif", upload);
        Assert.Contains("reports/tests/*/*.trx", upload);
    }

    [Fact]
    public void P95_runs_against_staging_when_configured_and_can_spread_the_run_over_shards_merged_by_summarize()
    {
        var workflow = Workflow("p95");
        Assert.True(Map(Map(workflow["on"])["workflow_dispatch"]).ContainsKey("inputs"));
        Assert.Contains("schedule", Map(workflow["on"]).Keys);

        var summarize = Steps(workflow, "ubuntu-latest").Single(s => Text(s, "run") == "./build.sh Summarize --fail-on-delta");
        var environment = Map(summarize["env"]);
        Assert.Equal("${{ inputs.base_url || secrets.STAGING_BASE_URL }}", environment["BASE_URL"]);
        Assert.Equal("${{ secrets.STAGING_TOKEN }}", environment["TOKEN"]);
        Assert.Equal("${{ secrets.STAGING_JWT_SECRET }}", environment["JWT_SECRET"]);
        Assert.Equal("${{ secrets.STAGING_PROMETHEUS_URL }}", environment["PROMETHEUS_URL"]);
        Assert.Equal("${{ secrets.STAGING_METRICS_URL }}", environment["METRICS_URL"]);

        // Needs --shard (load) and --run-id (evidence): WorkflowCommandTests checks this line against the real build.
        Assert.Contains(Steps(workflow, "shards"), s => Text(s, "run") ==
            "./build.sh RunP95 --shard ${{ matrix.shard }}/${{ inputs.shards }} --run-id ${{ github.run_id }}-${{ github.run_attempt }}");
        Assert.Contains(Steps(workflow, "merge-shards"), s => Text(s, "run") == "./build.sh Summarize --results shards/*/p95_k6_*[0-9].json --fail-on-delta");
    }

    [Fact]
    public void Evidence_archives_verifies_attests_and_attaches_to_the_release()
    {
        var workflow = Workflow("evidence");
        Assert.Equal(["published"], Strings(Map(Map(workflow["on"])["release"])["types"]));
        var permissions = Map(workflow["permissions"]);
        Assert.Equal(("write", "write", "write"), (permissions["id-token"], permissions["attestations"], permissions["contents"]));

        var steps = Steps(workflow, "ubuntu-latest");
        Assert.Equal(["./build.sh ArchiveEvidence", "./build.sh VerifyEvidence --archive reports/evidence-*.zip"],
            steps.Where(s => Text(s, "run")?.StartsWith("./build.sh") == true).Select(s => Text(s, "run")));
        var subjects = Text(Map(steps.Single(s => Text(s, "uses") == "actions/attest-build-provenance@v2")["with"]), "subject-path")!;
        Assert.Contains("reports/evidence-*.zip", subjects);
        var attach = Text(steps.Single(s => Text(s, "run")?.StartsWith("gh release upload") == true), "run")!;
        foreach (var file in new[] { "reports/evidence-*.zip", "reports/evidence-*.manifest.json", "reports/evidence-*.intoto.json" })
            Assert.Contains(file, attach);
    }

    [Fact]
    public void Nightly_health_keeps_its_history_and_requires_the_database_secret()
    {
        var workflow = Workflow("nightly-health");
        var steps = Steps(workflow, "ubuntu-latest");

        Assert.Contains(steps, s => Text(s, "uses") == "actions/cache/restore@v4" && Text(Map(s["with"]), "path")!.Contains("reports/health/history.jsonl"));
        Assert.Contains(steps, s => Text(s, "uses") == "actions/cache/save@v4");
        Assert.Contains(steps, s => Text(s, "name") == "Require secrets.SUPABASE_DATABASE_URL");
        var health = steps.Single(s => Text(s, "run") == "./build.sh HealthCheck --health-retention-days 30");
        Assert.Equal("${{ secrets.SUPABASE_DATABASE_URL }}", Map(health["env"])["DATABASE_URL"]);
        Assert.Equal("30", Text(Map(steps.Single(s => Text(s, "uses") == "actions/upload-artifact@v4")["with"]), "retention-days"));
    }

    [Fact]
    public void No_workflow_puts_a_secret_on_a_command_line()
    {
        foreach (var (path, text) in Generated)
        foreach (var job in Map(Yaml(text)["jobs"]).Values)
        foreach (var step in ((List<object>)Map(job)["steps"]).Select(Map).Where(s => s.ContainsKey("run")))
            Assert.False(Text(step, "run")!.Contains("secrets."), $"{path}: {Text(step, "run")}");
    }

    [Fact]
    public void Every_run_step_is_a_build_command_except_the_runner_set_up_and_the_release_upload()
    {
        var others = Generated.SelectMany(g => Map(Yaml(g.Text)["jobs"]).Values)
            .SelectMany(job => ((List<object>)Map(job)["steps"]).Select(Map))
            .Select(step => Text(step, "run")).OfType<string>().Where(run => !run.StartsWith("./build.sh "))
            .Select(run => run.Split(' ', 3)[0] + " " + run.Split(' ', 3)[1]).Distinct().Order().ToList();

        // PostgreSQL binaries on the runner, the required-secret check, and gh attaching the evidence to the release.
        Assert.Equal(["gh release", "if [", "ls -d"], others);
    }

    private static Dictionary<object, object> Workflow(string name) => Yaml(Generated.Single(g => g.RelativePath == $".github/workflows/{name}.yml").Text);
    private static Dictionary<object, object> Yaml(string text) => new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(text);
    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;
    private static IEnumerable<string> Strings(object node) => ((List<object>)node).Cast<string>();
    private static string? Text(Dictionary<object, object> node, string key) => node.TryGetValue(key, out var value) ? value as string : null;
    private static List<Dictionary<object, object>> Steps(Dictionary<object, object> workflow, string job) =>
        ((List<object>)Map(Map(workflow["jobs"])[job])["steps"]).Select(Map).ToList();
}
