using Pipeline.Core.Errors;

namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>A user's error is one clean line wherever it is thrown; a bug keeps its stack trace in the log file only.</summary>
public class UserErrorTests
{
    const string Advice = "the widget file is empty; write a widget into it";

    static void AssertNoStackTrace(string console) => Assert.DoesNotMatch(@"\s+at \S+\(", console);

    [Theory]
    [InlineData("InAction")]
    [InlineData("WhileBuildingSettings")]
    [InlineData("InStaticCondition")]
    public void A_user_error_in_a_target_fails_it_with_its_message_alone(string target)
    {
        using var run = new BuildRun();
        Assert.Equal(1, run.Run(new UserErrorBuild(), target, target));
        Assert.Matches($@"{target}\s+│\s+Failed\s+│[^│]*│\s+{Advice}", run.Text);
        Assert.DoesNotContain("UserInputException", run.Text);
        AssertNoStackTrace(run.Text);
        Assert.DoesNotContain("UserInputException", run.LogFiles);
    }

    [Fact]
    public void A_user_error_in_a_requirement_stops_the_build_before_any_target_with_one_line()
    {
        using var run = new BuildRun();
        var build = new UserErrorBuild();
        Assert.Equal(2, run.Run(build, "InRequirement", "InRequirement"));
        Assert.Equal($"error: {Advice}", run.Text.Trim());
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void A_bug_shows_type_and_message_on_the_console_and_its_stack_trace_only_in_the_log()
    {
        using var run = new BuildRun();
        Assert.Equal(1, run.Run(new UserErrorBuild(), "Bug", "Bug"));
        Assert.Contains("NullReferenceException: the widget was never set", run.Text);
        AssertNoStackTrace(run.Text);
        Assert.Contains("at Pipeline.Targets.Tests.UserErrorBuild", run.LogFiles);
    }

    [Fact]
    public void A_bug_before_any_target_is_one_line_pointing_at_the_log_that_keeps_the_trace()
    {
        using var run = new BuildRun();
        Assert.Equal(1, run.Run(new UserErrorBuild(), "BugInCondition", "BugInRequirement"));
        Assert.Matches(@"^error: InvalidOperationException: no widget \(stack trace in reports/logs/build-[\d-]+\.clef\)$", run.Text.Trim());
        Assert.Contains("at Pipeline.Targets.Tests.UserErrorBuild", run.LogFiles);
    }
}

internal sealed class UserErrorBuild : RecordingBuild
{
    const string Advice = "the widget file is empty; write a widget into it";
    static Exception UserError() => new UserInputException(Advice);
    static object Settings(string text) => text.Length > 0 ? text : throw UserError();

    public Target InAction => _ => _.Executes(() => throw UserError());
    public Target WhileBuildingSettings => _ => _.Executes(async () =>
    {
        await Task.Yield();
        Ran.Add(Settings("").ToString()!);
    });
    public Target InStaticCondition => _ => _.OnlyWhenStatic(() => throw UserError()).Executes(Record(nameof(InStaticCondition)));
    public Target InRequirement => _ => _.Requires(() => Settings("")).Executes(Record(nameof(InRequirement)));
    public Target Bug => _ => _.Executes(() => throw new NullReferenceException("the widget was never set"));
    public Target BugInRequirement => _ => _.Requires(() => Crash()).Executes(Record(nameof(BugInRequirement)));
    public Target BugInCondition => _ => _.Executes(Record(nameof(BugInCondition)));
    static object Crash() => throw new InvalidOperationException("no widget");
}
