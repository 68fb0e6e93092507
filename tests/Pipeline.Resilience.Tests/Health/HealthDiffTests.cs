using Pipeline.Resilience.Health;

namespace Pipeline.Resilience.Tests.Health;

public sealed class HealthDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static HealthRecord Record(bool healthy = true, double p95 = 20, string version = "15.8") =>
        HealthHistoryTests.Record(Now, healthy, p95, version);

    [Fact]
    public void The_first_run_is_the_baseline()
    {
        var diff = HealthDiff.Compare(null, Record());

        Assert.Empty(diff.Changes);
        Assert.Contains("this run is the baseline", diff.Render());
    }

    [Fact]
    public void Going_down_and_coming_back_are_status_changes()
    {
        var down = HealthDiff.Compare(Record(), Record(healthy: false));
        var back = HealthDiff.Compare(Record(healthy: false), Record());

        Assert.True(down.StatusChanged);
        Assert.StartsWith("DOWN: fails at step 'tcp'", down.Changes.Single(c => c.What == "status").Meaning);
        Assert.StartsWith("RECOVERED", back.Changes.Single().Meaning);
        Assert.Contains("Connection refused", down.Render());
    }

    [Theory]
    [InlineData(20, 29, false)]   // +45 %: within 50 %
    [InlineData(20, 31, true)]    // +55 % and +11 ms
    [InlineData(20, 9, true)]     // -55 % and -11 ms
    [InlineData(0.2, 0.9, false)] // +350 % but under the 5 ms floor: loopback noise
    public void Latency_changes_count_only_beyond_both_thresholds(double before, double after, bool flagged)
    {
        var diff = HealthDiff.Compare(Record(p95: before), Record(p95: after));

        Assert.Equal(flagged, diff.Changes.Any(c => c.What == "select 1 p95"));
    }

    [Fact]
    public void A_server_version_change_is_reported()
    {
        var diff = HealthDiff.Compare(Record(version: "15.8"), Record(version: "15.10"));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("server version", "15.8", "15.10"), (change.What, change.Previous, change.Current));
        Assert.Contains("**server version**: 15.8 -> 15.10", diff.Render());
    }

    [Fact]
    public void No_change_says_so()
    {
        Assert.Contains("None: same status", HealthDiff.Compare(Record(), Record(p95: 21)).Render());
    }

    [Fact]
    public void Server_values_are_escaped_so_the_table_keeps_its_columns_and_no_markup_passes()
    {
        const string hostile = "x|y <script>\u202E`";
        var previous = Record() with { ServerVersion = hostile, Pooler = hostile };
        var current = Record(healthy: false) with { ServerVersion = "15.9 " + hostile, FailureMessage = hostile, Endpoint = hostile };

        var page = HealthDiff.Compare(previous, current).Render();

        var rows = page.Split('\n').Where(l => l.StartsWith("| server version |", StringComparison.Ordinal) || l.StartsWith("| pooler |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(4, r.Replace("\\|", "").Count(c => c == '|')));
        Assert.DoesNotContain("<script>", page);
        Assert.DoesNotContain("\u202E", page);
        Assert.Contains(@"Failure: x\|y &lt;script&gt;U+202E\`", page);
    }
}
