using System.Text.RegularExpressions;
using Pipeline.Targets.CI.GitHubActions;

namespace Pipeline.Targets.Tests.CI;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class GitHubActionsGeneratorTests : IDisposable
{
    private readonly BuildRun _run = new();

    public void Dispose() => _run.Dispose();

    private Dictionary<object, object> Workflow(string name) =>
        Yaml.Parse(GitHubActionsGenerator.Generate(new WorkflowBuild(), _run.Root).Single(f => f.RelativePath == $".github/workflows/{name}.yml").Text);

    [Fact]
    public void Each_attribute_becomes_one_workflow_file_with_a_header_saying_how_to_regenerate_it()
    {
        var files = GitHubActionsGenerator.Generate(new WorkflowBuild(), _run.Root);

        Assert.Equal([".github/workflows/ci.yml", ".github/workflows/load.yml", ".github/workflows/release.yml"], files.Select(f => f.RelativePath));
        foreach (var (_, text) in files)
        {
            Assert.Contains("Generated from the build's [GitHubActions(", text);
            Assert.Contains("`./build.sh --generate-configuration`", text);
        }
        Assert.StartsWith("# Checks every push.\n", files[0].Text);
    }

    [Fact]
    public void The_output_depends_only_on_the_build()
    {
        var first = GitHubActionsGenerator.Generate(new WorkflowBuild(), _run.Root);
        using var elsewhere = new BuildRun();
        var second = GitHubActionsGenerator.Generate(new WorkflowBuild(), elsewhere.Root);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Triggers_permissions_and_concurrency_come_from_the_attribute()
    {
        var ci = Workflow("ci");

        Assert.Equal("ci", ci.Text("name"));
        Assert.Equal(["main"], ci.Map("on").Map("push").List("branches"));
        Assert.Empty(ci.Map("on").Map("pull_request"));
        Assert.Equal(new Dictionary<object, object> { ["actions"] = "read", ["contents"] = "read", ["security-events"] = "write" }, ci.Map("permissions"));
        Assert.Equal("ci-${{ github.ref }}", ci.Map("concurrency").Text("group"));
        Assert.Equal("true", ci.Map("concurrency").Text("cancel-in-progress"));
        Assert.Equal("20", ci.Map("jobs").Map("ubuntu-latest").Text("timeout-minutes"));

        var release = Workflow("release");
        Assert.Equal(["published"], release.Map("on").Map("release").List("types"));
        Assert.True(release.Map("on").Has("workflow_dispatch"));
        Assert.Equal(new Dictionary<object, object> { ["attestations"] = "write", ["contents"] = "write", ["id-token"] = "write" }, release.Map("permissions"));

        var load = Workflow("load");
        Assert.Equal("0 3 * * 1", ((Dictionary<object, object>)load.Map("on").List("schedule")[0]).Text("cron"));
    }

    [Fact]
    public void Each_invoked_target_is_a_build_sh_step_and_later_ones_still_run_after_a_failure_when_asked()
    {
        var steps = Workflow("ci").Map("jobs").Map("ubuntu-latest").Steps().Where(s => s.Has("run")).ToList();

        Assert.Equal(["./build.sh Compile", "./build.sh Scan --fail-on new"], steps.Select(s => s.Text("run")));
        Assert.False(steps[0].Has("if"));
        Assert.Equal("${{ !cancelled() }}", steps[1].Text("if"));
    }

    [Fact]
    public void Inputs_secrets_and_variables_reach_the_build_through_the_environment_only()
    {
        var ci = Workflow("ci").Map("jobs").Map("ubuntu-latest");
        var scan = ci.Steps().Single(s => s.Text("run") == "./build.sh Scan --fail-on new");
        Assert.Equal("${{ secrets.STAGING_API_KEY }}", scan.Map("env").Text("API_KEY"));
        Assert.Equal("${{ vars.STAGING_BASE_URL }}", scan.Map("env").Text("BASE_URL"));
        // Third-party actions (checkout, upload) never see the secret.
        Assert.All(ci.Steps().Where(s => s.Has("uses")), s => Assert.DoesNotContain("secrets.", s.Has("env") ? string.Join(",", s.Map("env").Values) : ""));

        var load = Workflow("load");
        var inputs = load.Map("on").Map("workflow_dispatch").Map("inputs");
        Assert.Equal("string", inputs.Map("base_url").Text("type"));
        Assert.Equal("API under test", inputs.Map("base_url").Text("description"));
        Assert.Equal("number", inputs.Map("requests").Text("type"));
        Assert.Equal("boolean", inputs.Map("dry_run").Text("type"));
        var report = load.Map("jobs").Map("ubuntu-latest").Steps().Single(s => s.Text("run") == "./build.sh Report");
        Assert.Equal("${{ inputs.base_url }}", report.Map("env").Text("BASE_URL"));
        Assert.Equal("${{ inputs.requests }}", report.Map("env").Text("REQUESTS"));
        Assert.Equal("${{ secrets.STAGING_API_KEY }}", report.Map("env").Text("API_KEY"));
    }

    [Fact]
    public void No_run_line_holds_a_secret_expression_or_prints_an_imported_value()
    {
        foreach (var (path, text) in GitHubActionsGenerator.Generate(new WorkflowBuild(), _run.Root))
        {
            var workflow = Yaml.Parse(text);
            foreach (var job in workflow.Map("jobs").Values)
            foreach (var step in job.Steps().Where(s => s.Has("run")))
            {
                var run = step.Text("run")!;
                Assert.DoesNotContain("secrets.", run);
                Assert.DoesNotContain("vars.", run);
                var imported = step.Has("env") ? step.Map("env").Keys.Cast<string>().ToList() : [];
                foreach (var line in run.Lines().Where(l => Regex.IsMatch(l, @"\b(echo|printf|cat)\b")))
                    Assert.DoesNotContain(imported, variable => line.Contains("$" + variable) || line.Contains("${" + variable));
            }
        }
    }

    [Fact]
    public void A_required_import_stops_the_job_before_any_target_when_it_is_not_set()
    {
        var steps = Workflow("load").Map("jobs").Map("ubuntu-latest").Steps().ToList();
        var require = steps.Single(s => s.Text("name") == "Require secrets.STAGING_API_KEY");

        Assert.True(steps.IndexOf(require) < steps.FindIndex(s => s.Text("run")?.StartsWith("./build.sh") == true));
        Assert.Equal("${{ secrets.STAGING_API_KEY }}", require.Map("env").Text("API_KEY"));
        Assert.Contains("if [ -z \"$API_KEY\" ]", require.Text("run"));
        Assert.Contains("exit 1", require.Text("run"));
    }

    [Fact]
    public void Uploads_are_the_produces_globs_of_the_job_targets_and_their_dependencies_plus_the_build_log()
    {
        var upload = Workflow("ci").Map("jobs").Map("ubuntu-latest").Steps().Single(s => s.Text("uses") == "actions/upload-artifact@v4");

        // Scan depends on Compile: both produce; ReportsDirectory / "scan-*.sarif" is written relative to the repository.
        Assert.Equal(["reports/compile-*.log", "reports/scan-*.sarif", "reports/scan-*.txt", "reports/logs/"], upload.Map("with").Text("path").Lines());
        Assert.Equal("${{ always() }}", upload.Text("if"));
        Assert.Equal("warn", upload.Map("with").Text("if-no-files-found"));
        Assert.False(upload.Map("with").Has("retention-days"));
    }

    [Fact]
    public void Produced_sarif_goes_to_code_scanning_and_a_fork_pull_request_stays_green()
    {
        var sarif = Workflow("ci").Map("jobs").Map("ubuntu-latest").Steps().Single(s => s.Text("uses") == "github/codeql-action/upload-sarif@v3");

        Assert.Equal("reports", sarif.Map("with").Text("sarif_file"));
        Assert.Equal("true", sarif.Text("continue-on-error"));
        Assert.Contains("github.event.pull_request.head.repo.full_name == github.repository", sarif.Text("if"));
        Assert.Contains("hashFiles('reports/scan-*.sarif') != ''", sarif.Text("if"));
        // Without security-events: write there is nothing to send it with.
        Assert.DoesNotContain(Workflow("release").Map("jobs").Map("ubuntu-latest").Steps(), s => s.Text("uses")?.Contains("upload-sarif") == true);
    }

    [Fact]
    public void A_release_gets_the_invoked_targets_own_files_attached_and_attested()
    {
        var steps = Workflow("release").Map("jobs").Map("ubuntu-latest").Steps().ToList();

        var attest = steps.Single(s => s.Text("uses") == "actions/attest-build-provenance@v2");
        Assert.Equal(["reports/package-*.zip", "reports/package-*.manifest.json"], attest.Map("with").Text("subject-path").Lines());
        var attach = steps.Single(s => s.Text("run")?.StartsWith("gh release upload") == true);
        Assert.Equal("gh release upload \"$TAG\" reports/package-*.zip reports/package-*.manifest.json --clobber", attach.Text("run"));
        Assert.Equal("${{ github.event_name == 'release' }}", attach.Text("if"));
        Assert.Equal("${{ github.token }}", attach.Map("env").Text("GH_TOKEN"));
        Assert.Equal("${{ github.event.release.tag_name }}", attach.Map("env").Text("TAG"));
    }

    [Fact]
    public void A_sharded_target_runs_as_a_matrix_and_one_job_merges_every_shard()
    {
        var load = Workflow("load");
        var jobs = load.Map("jobs");
        var shards = load.Map("on").Map("workflow_dispatch").Map("inputs").Map("shards");
        Assert.Equal(["1", "2", "3"], shards.List("options"));
        Assert.Equal("1", shards.Text("default"));

        Assert.Equal("${{ (inputs.shards || '1') == '1' }}", jobs.Map("ubuntu-latest").Text("if"));

        var shard = jobs.Map("shards");
        Assert.Equal("${{ (inputs.shards || '1') != '1' }}", shard.Text("if"));
        Assert.Equal("false", shard.Map("strategy").Text("fail-fast"));
        Assert.Equal("${{ fromJSON('{\"1\":[1],\"2\":[1,2],\"3\":[1,2,3]}')[inputs.shards || '1'] }}", shard.Map("strategy").Map("matrix").Text("shard"));
        var run = shard.Steps().Single(s => s.Text("run")?.StartsWith("./build.sh") == true);
        Assert.Equal("./build.sh Load --shard ${{ matrix.shard }}/${{ inputs.shards }} --run-id ${{ github.run_id }}-${{ github.run_attempt }}", run.Text("run"));
        var upload = shard.Steps().Single(s => s.Text("uses") == "actions/upload-artifact@v4");
        Assert.Equal("load-shard-${{ matrix.shard }}", upload.Map("with").Text("name"));
        Assert.Equal(["reports/load-*.json", "reports/logs/"], upload.Map("with").Text("path").Lines());

        var merge = jobs.Map("merge-shards");
        Assert.Equal(["shards"], merge.List("needs"));
        Assert.Equal("${{ !cancelled() && (inputs.shards || '1') != '1' }}", merge.Text("if"));
        var steps = merge.Steps().ToList();
        var download = steps.Single(s => s.Text("uses") == "actions/download-artifact@v4");
        Assert.Equal("load-shard-*", download.Map("with").Text("pattern"));
        Assert.Equal("shards", download.Map("with").Text("path"));
        var report = steps.Single(s => s.Text("run")?.StartsWith("./build.sh") == true);
        Assert.True(steps.IndexOf(download) < steps.IndexOf(report));
        Assert.Equal("./build.sh Report --results shards/*/load-*.json", report.Text("run"));
    }

    [Fact]
    public void Kept_files_are_restored_before_the_targets_and_saved_after()
    {
        var steps = Workflow("load").Map("jobs").Map("ubuntu-latest").Steps().ToList();
        var restore = steps.FindIndex(s => s.Text("uses") == "actions/cache/restore@v4");
        var target = steps.FindIndex(s => s.Text("run") == "./build.sh Report");
        var save = steps.FindIndex(s => s.Text("uses") == "actions/cache/save@v4");

        Assert.True(restore >= 0 && restore < target && target < save);
        Assert.Equal("load-${{ github.run_id }}", steps[save].Map("with").Text("key"));
        Assert.Equal("load-", steps[restore].Map("with").Text("restore-keys"));
        Assert.Contains("always()", steps[save].Text("if"));
        Assert.Equal("7", steps.Single(s => s.Text("uses") == "actions/upload-artifact@v4").Map("with").Text("retention-days"));
    }

    [Fact]
    public void A_non_secret_parameter_imported_as_a_secret_is_refused_with_one_line_saying_why()
    {
        var error = Assert.Throws<BuildSetupException>(() => GitHubActionsGenerator.Generate(new LeakyWorkflowBuild(), _run.Root));

        Assert.Equal("[GitHubActions(\"leaky\")] ImportSecrets: BaseUrl is neither a [Secret] nor a Uri parameter, so its value would not be masked; import it with ImportVariables or mark it [Secret].", error.Message);
    }

    [Fact]
    public void A_uri_parameter_imported_as_a_secret_is_fed_from_the_repository_secret_so_GitHub_masks_it()
    {
        var text = GitHubActionsGenerator.Generate(new UriSecretWorkflowBuild(), _run.Root).Single().Text;

        Assert.Contains("METRICS_URL: ${{ secrets.STAGING_METRICS_URL }}", text);
        Assert.DoesNotContain("vars.", text);
    }

    [Fact]
    public void A_misspelt_target_is_refused_naming_the_closest_one()
    {
        var error = Assert.Throws<BuildSetupException>(() => GitHubActionsGenerator.Generate(new MisspeltTargetWorkflowBuild(), _run.Root));

        Assert.StartsWith("Unknown target 'Compil'. Did you mean Compile?", error.Message);
    }

    [Fact]
    public void Generate_configuration_writes_the_workflows_then_finds_them_up_to_date_and_names_strays()
    {
        Assert.Equal(0, _run.Run(new WorkflowBuild(), "Compile", "--generate-configuration"));
        Assert.Contains(".github/workflows/ci.yml: written", _run.Text);
        var ci = Path.Combine(_run.Root, ".github", "workflows", "ci.yml");
        Assert.Equal(GitHubActionsGenerator.Generate(new WorkflowBuild(), _run.Root)[0].Text, File.ReadAllText(ci));

        File.WriteAllText(Path.Combine(_run.Root, ".github", "workflows", "hand-written.yml"), "name: x\n");
        Assert.Equal(0, _run.Run(new WorkflowBuild(), "Compile", "--generate-configuration"));
        Assert.Contains(".github/workflows/ci.yml: up to date", _run.Text);
        Assert.Contains(".github/workflows/hand-written.yml is not generated by the build", _run.Text);
    }

    [Fact]
    public void A_workflow_edited_by_hand_missing_or_not_generated_is_named_with_the_command_that_fixes_it()
    {
        Assert.Equal(0, _run.Run(new WorkflowBuild(), "Compile", "--generate-configuration"));
        Assert.Empty(GitHubActionsGenerator.Differences(new WorkflowBuild(), _run.Root));

        var folder = Path.Combine(_run.Root, ".github", "workflows");
        File.AppendAllText(Path.Combine(folder, "ci.yml"), "# a hand edit\n");
        File.Delete(Path.Combine(folder, "load.yml"));
        File.WriteAllText(Path.Combine(folder, "old.yml"), "name: old\n");

        Assert.Equal(
        [
            ".github/workflows/ci.yml differs from what the build generates; run ./build.sh --generate-configuration and commit the result.",
            ".github/workflows/load.yml is missing from what the build generates; run ./build.sh --generate-configuration and commit the result.",
            ".github/workflows/old.yml is not generated by the build; delete it, or describe it with a [GitHubActions] attribute.",
        ], GitHubActionsGenerator.Differences(new WorkflowBuild(), _run.Root));
    }

    [Fact]
    public void Generate_configuration_with_plan_writes_nothing()
    {
        Assert.Equal(0, _run.Run(new WorkflowBuild(), "Compile", "--generate-configuration", "--plan"));

        Assert.Contains(".github/workflows/ci.yml: would be written (--plan)", _run.Text);
        Assert.False(Directory.Exists(Path.Combine(_run.Root, ".github")));
    }
}
