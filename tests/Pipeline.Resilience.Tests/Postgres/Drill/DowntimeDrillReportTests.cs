using Pipeline.Resilience.Postgres.Drill;

namespace Pipeline.Resilience.Tests.Postgres.Drill;

public sealed class DowntimeDrillReportTests
{
    private const string Hostile = "x|y <script>\u202E`";

    [Fact]
    public void Server_error_messages_are_escaped_so_the_faults_table_keeps_its_columns_and_shows_no_markup()
    {
        var result = new DowntimeDrillResult
        {
            Endpoint = Hostile, Source = "test", ProxyEndpoint = "127.0.0.1:1", StartedAt = DateTimeOffset.UnixEpoch, Duration = TimeSpan.FromSeconds(1),
            Settings = new DowntimeDrillSettings("Host=127.0.0.1"),
            Faults = [new FaultOutcome("latency", "slow answers") { SkipReason = Hostile }],
            Queries = [new QueryRecord(1, 0, TimeSpan.Zero, null, 2, QueryOutcome.Failed, Hostile, false)],
            Timeline = ["+0.100 s server said: " + Hostile], RowsOnServer = new HashSet<long>(), Problems = [Hostile],
        };

        var report = DowntimeDrillReport.Render(result);

        var row = Assert.Single(report.Split('\n'), l => l.StartsWith("| latency |", StringComparison.Ordinal));
        Assert.Equal(12, row.Replace("\\|", "").Count(c => c == '|'));
        // The table and the findings are Markdown; the timeline below is plain log text, made printable only.
        Assert.DoesNotContain("<script>", report[..report.IndexOf("\nTimeline\n", StringComparison.Ordinal)]);
        Assert.Contains("+0.100 s server said: x|y <script>U+202E`\n", report);
        Assert.DoesNotContain("\u202E", report);
        Assert.Contains(@"query #1 FAILED: x\|y &lt;script&gt;U+202E\`", report);
        Assert.Contains(@"  - x\|y &lt;script&gt;U+202E\`", report);
    }
}
