using Serilog;

namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>Builds log through Serilog's static Log, as in NUKE; two builds running at once keep their lines apart.</summary>
public sealed class AmbientLogTests
{
    [Fact]
    public void Two_builds_running_at_once_each_log_only_their_own_lines()
    {
        using var both = new Barrier(2);
        using var runA = new BuildRun();
        using var runB = new BuildRun();
        var a = Task.Run(() => runA.Run(new MarkerBuild("alpha-marker", both), "Speak"));
        var b = Task.Run(() => runB.Run(new MarkerBuild("bravo-marker", both), "Speak"));
        Assert.True(Task.WaitAll([a, b], TimeSpan.FromMinutes(1)), "the two builds did not finish");

        Assert.Equal(0, a.Result);
        Assert.Equal(0, b.Result);
        Assert.Contains("alpha-marker after", runA.Text);
        Assert.DoesNotContain("bravo-marker", runA.Text + runA.LogFiles);
        Assert.Contains("bravo-marker after", runB.Text);
        Assert.DoesNotContain("alpha-marker", runB.Text + runB.LogFiles);
    }

    private sealed class MarkerBuild(string marker, Barrier both) : NukeBuild
    {
        public Target Speak => _ => _.Executes(() =>
        {
            Log.Information("{Marker} before", marker);
            both.SignalAndWait(TimeSpan.FromSeconds(30)); // both targets are running now
            Log.Information("{Marker} after", marker);
        });
    }
}
