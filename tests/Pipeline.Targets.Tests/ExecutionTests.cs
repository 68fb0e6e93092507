namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class ExecutionTests
{
    [Fact]
    public void A_failure_stops_later_targets_but_assured_ones_still_run()
    {
        using var run = new BuildRun();
        var build = new FailingBuild();
        Assert.Equal(1, run.Run(build, "Breaks", "Breaks", "Independent", "NeedsBreaks", "Report"));
        Assert.Equal(["First", "Report"], build.Ran);
        Assert.Matches(@"First\s+│\s+Succeeded", run.Text);
        Assert.Matches(@"Breaks\s+│\s+Failed\s+│\s+[\d.]+ s\s+│\s+the widget is broken; fix the widget", run.Text);
        Assert.Matches(@"Independent\s+│\s+NotRun\s+│\s+│\s+an earlier target failed", run.Text);
        Assert.Matches(@"Report\s+│\s+Succeeded", run.Text);
        Assert.EndsWith("Build failed", run.Text.TrimEnd());
    }

    [Fact]
    public void Proceed_after_failure_lets_independent_targets_run_but_the_build_still_fails()
    {
        using var run = new BuildRun();
        var build = new FailingBuild();
        Assert.Equal(1, run.Run(build, "Tolerant", "Tolerant", "Independent"));
        Assert.Equal(["Independent"], build.Ran);
        Assert.Matches(@"Tolerant\s+│\s+Failed", run.Text);
    }

    [Fact]
    public void Dependents_of_a_failed_target_are_not_run_even_when_it_may_proceed()
    {
        using var run = new BuildRun();
        var build = new FailingBuild();
        Assert.Equal(1, run.Run(build, "Breaks", "NeedsBreaks"));
        Assert.Matches(@"NeedsBreaks\s+│\s+NotRun", run.Text);
    }

    [Fact]
    public void An_unexpected_exception_fails_the_target_with_its_type_and_message_and_the_log_keeps_the_stack()
    {
        using var run = new BuildRun();
        Assert.Equal(1, run.Run(new FailingBuild(), "Crashes", "Crashes"));
        Assert.Contains("InvalidOperationException: unexpected state", run.Text);
        Assert.Contains("at Pipeline.Targets.Tests.FailingBuild", run.LogFiles);
    }

    [Fact]
    public void Success_exits_zero_with_the_note_in_the_summary()
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new FailingBuild(), "Noted"));
        Assert.Matches(@"Noted\s+│\s+Succeeded\s+│\s+[\d.]+ s\s+│\s+P95 chat 412 ms", run.Text);
        Assert.EndsWith("Build succeeded", run.Text.TrimEnd());
    }

    [Fact]
    public void Ctrl_c_aborts_the_running_target_and_still_runs_assured_targets()
    {
        using var run = new BuildRun();
        var build = new AbortBuild { PressCtrlC = run.Cancellation };
        var exit = run.Run(build, "Long", "Long", "After", "Cleanup");
        Assert.Equal(130, exit);
        Assert.Equal(["Long", "Cleanup"], build.Ran);
        Assert.Matches(@"Long\s+│\s+Aborted", run.Text);
        Assert.Matches(@"After\s+│\s+NotRun\s+│\s+│\s+build aborted", run.Text);
        Assert.Matches(@"Cleanup\s+│\s+Succeeded", run.Text);
    }

    [Fact]
    public void Help_lists_targets_with_dependencies_and_parameters_with_types_and_defaults()
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new ChainBuild(), "Compile", "--help"));
        Assert.Matches(@"Compile \(default\)\s+-> Restore", run.Text);
        Assert.Matches(@"Restore\s+Restores", run.Text);
        Assert.DoesNotContain(" Secret ", run.Text);

        using var parameters = new BuildRun();
        Assert.Equal(0, parameters.Run(new ParameterBuild(), "Show", "-h"));
        Assert.Matches(@"--base-url <string>\s+A base URL \(default: http://initializer\)", parameters.Text);
        Assert.Matches(@"--downtime <duration>\s+A wait \(default: 10s\)", parameters.Text);
        Assert.Matches(@"--mode <fast\|extra-careful>\s+A mode \(default: fast\)", parameters.Text);
        Assert.Matches(@"--api-key <secret>\s+A key\s*$", parameters.Text.Split('\n').First(l => l.Contains("--api-key")));
        Assert.Matches(@"--scan-paths <string\[\]>", parameters.Text);
        Assert.Matches(@"--signing-key <secret>\s+A signing key \(default: <secret>\)", parameters.Text);
        Assert.DoesNotContain("local-dev-signing-key", parameters.Text);
    }

    [Fact]
    public void Schema_lists_every_parameter_and_is_not_rewritten_when_unchanged()
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new ParameterBuild(), "Show", "--plan"));
        var path = Path.Combine(run.Root, ".nuke", "build.schema.json");
        var schema = File.ReadAllText(path);
        Assert.Contains("\"BaseUrl\"", schema);
        Assert.Contains("\"extra-careful\"", schema);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));
        Assert.Equal(0, run.Run(new ParameterBuild(), "Show", "--plan"));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
        Assert.Equal(schema, File.ReadAllText(path));
    }

    [Fact]
    public void Every_run_writes_a_compact_json_log_file()
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new ChainBuild(), "Restore"));
        var log = Assert.Single(Directory.GetFiles(Path.Combine(run.Root, "reports", "logs"), "build-*.clef"));
        Assert.Contains("\"@mt\":", File.ReadAllText(log));
    }
}
