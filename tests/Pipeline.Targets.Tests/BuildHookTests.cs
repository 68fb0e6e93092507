using Pipeline.Core.Errors;

namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>NUKE's build hooks: what a build's own set-up or tear-down throws ends the build cleanly, with the right exit code.</summary>
public sealed class BuildHookTests
{
    [Fact]
    public void A_user_error_in_OnBuildInitialized_is_one_line_and_exit_2_and_no_target_runs()
    {
        using var run = new BuildRun();
        var build = new HookBuild { InitializeError = new UserInputException("--run-id 'x y' is not a valid run id.") };
        Assert.Equal(2, run.Run(build, "Work"));
        Assert.Equal("error: --run-id 'x y' is not a valid run id.", run.Text.Trim());
        Assert.False(build.Worked);
    }

    [Fact]
    public void A_bug_in_OnBuildInitialized_shows_its_type_on_the_console_and_its_trace_only_in_the_log()
    {
        using var run = new BuildRun();
        var build = new HookBuild { InitializeError = new IOException("disk full") };
        Assert.Equal(1, run.Run(build, "Work"));
        var line = Assert.Single(run.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: IOException: disk full (stack trace in reports/logs/build-", line);
        Assert.Contains("at Pipeline.Targets.Tests.BuildHookTests", run.LogFiles);
        Assert.False(build.Worked);
    }

    [Fact]
    public void A_failing_OnBuildFinished_still_writes_the_summary_and_fails_the_build()
    {
        using var run = new BuildRun();
        var build = new HookBuild { FinishError = new InvalidOperationException("ledger closed twice") };
        Assert.Equal(1, run.Run(build, "Work"));
        Assert.True(build.Worked);
        Assert.Contains("Build failed", run.Text);
        Assert.Contains("OnBuildFinished failed: ledger closed twice", run.Text);
        Assert.DoesNotContain("   at ", run.Text);
    }

    private sealed class HookBuild : NukeBuild
    {
        public Exception? InitializeError { get; init; }
        public Exception? FinishError { get; init; }
        public bool Worked { get; private set; }

        public Target Work => _ => _.Executes(() => Worked = true);

        protected internal override void OnBuildInitialized()
        {
            if (InitializeError is not null) throw InitializeError;
        }

        protected internal override void OnBuildFinished()
        {
            if (FinishError is not null) throw FinishError;
        }
    }
}
