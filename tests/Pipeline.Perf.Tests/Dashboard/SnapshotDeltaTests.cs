using Pipeline.Perf.Dashboard;

namespace Pipeline.Perf.Tests.Dashboard;

public sealed class SnapshotDeltaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // What prometheus-net writes for a histogram with an endpoint label (plus a method label to sum over).
    private static string Exposition(string metric, double chatFast, double chatMid, double chatAll, double syncAll) => $$"""
        # HELP {{metric}} Server-side request duration.
        # TYPE {{metric}} histogram
        {{metric}}_sum{endpoint="chat",method="POST"} 12.5
        {{metric}}_count{endpoint="chat",method="POST"} {{chatAll}}
        {{metric}}_bucket{endpoint="chat",method="POST",le="0.1"} {{chatFast}}
        {{metric}}_bucket{endpoint="chat",method="POST",le="0.5"} {{chatMid}}
        {{metric}}_bucket{endpoint="chat",method="POST",le="1"} {{chatAll}}
        {{metric}}_bucket{endpoint="chat",method="POST",le="+Inf"} {{chatAll}}
        {{metric}}_bucket{endpoint="sync-jobs",method="POST",le="0.1"} {{syncAll}}
        {{metric}}_bucket{endpoint="sync-jobs",method="POST",le="1"} {{syncAll}}
        {{metric}}_bucket{endpoint="sync-jobs",method="POST",le="+Inf"} {{syncAll}}
        process_cpu_seconds_total 1.5
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_default_summary_of_the_reference_api_s_snapshots_has_no_anomaly_about_the_metric()
    {
        var server = new Pipeline.Perf.ReferenceApi.ServerMetrics();
        var before = Write("ref-before.prom", await Export(server));
        for (var i = 0; i < 100; i++)
        {
            server.RequestDuration.WithLabels("chat", "POST", "200").Observe(0.05 + i / 1000.0);
            server.RequestDuration.WithLabels("sync-jobs", "POST", "202").Observe(0.02 + i / 1000.0);
        }
        var after = Write("ref-after.prom", await Export(server));

        var reading = SnapshotDelta.Read(before, after, new DashboardSettings());

        Assert.Empty(reading.Notes); // no "the snapshots have no <metric>" note
        Assert.True(reading.P95Ms.ContainsKey("chat"));

        static async Task<string> Export(Pipeline.Perf.ReferenceApi.ServerMetrics server)
        {
            using var text = new MemoryStream();
            await server.Registry.CollectAndExportAsTextAsync(text);
            return System.Text.Encoding.UTF8.GetString(text.ToArray());
        }
    }

    [Fact]
    public void P95_comes_from_the_bucket_increase_between_the_snapshots()
    {
        var metric = DashboardSettings.DefaultHistogramMetric;
        // Before the run the API had served 1000 fast chat requests; the run adds 50 + 40 + 10.
        var before = Write("before.prom", Exposition(metric, 1000, 1000, 1000, 7));
        var after = Write("after.prom", Exposition(metric, 1050, 1090, 1100, 27));

        var reading = SnapshotDelta.Read(before, after, new DashboardSettings());

        Assert.Equal(DashboardSource.Snapshots, reading.Source);
        Assert.Equal(750, reading.P95Ms["chat"], 9);       // 0.5 + 0.5 * (95 - 90) / 10 seconds
        Assert.Equal((500.0, 1000.0), reading.Buckets["chat"]);
        Assert.Equal(100, reading.Observations["chat"]);
        Assert.Equal(95, reading.P95Ms["sync-jobs"], 9);   // all 20 in the first bucket: 0.1 * 19 / 20
    }

    [Fact]
    public void The_metric_name_is_a_setting_and_a_single_other_histogram_is_used_with_a_note()
    {
        // Another API (or a renamed histogram): http_server_request_duration_seconds.
        var before = Write("b.prom", Exposition("http_server_request_duration_seconds", 0, 0, 0, 0));
        var after = Write("a.prom", Exposition("http_server_request_duration_seconds", 10, 10, 10, 10));

        var detected = SnapshotDelta.Read(before, after, new DashboardSettings());
        Assert.Equal(95, detected.P95Ms["chat"], 9);
        Assert.Contains(detected.Notes, n => n.Contains("http_server_request_duration_seconds") && n.Contains("--dashboard-metric"));

        var named = SnapshotDelta.Read(before, after, new DashboardSettings { HistogramMetric = "http_server_request_duration_seconds" });
        Assert.Empty(named.Notes);
        Assert.Equal(95, named.P95Ms["chat"], 9);
    }

    [Fact]
    public void With_several_candidate_histograms_a_wrong_name_says_what_to_check()
    {
        var two = Exposition("a_seconds", 10, 10, 10, 10) + "\n" + Exposition("b_seconds", 10, 10, 10, 10);
        var before = Write("b.prom", two);
        var after = Write("a.prom", two);
        var error = Assert.Throws<FormatException>(() => SnapshotDelta.Read(before, after, new DashboardSettings()));
        Assert.Contains(DashboardSettings.DefaultHistogramMetric + "_bucket", error.Message);
        Assert.Contains("--dashboard-metric", error.Message);
    }

    [Fact]
    public void A_restart_between_snapshots_is_noted_and_the_after_snapshot_used_alone()
    {
        var metric = DashboardSettings.DefaultHistogramMetric;
        var before = Write("b.prom", Exposition(metric, 5000, 5000, 5000, 100));
        var after = Write("a.prom", Exposition(metric, 50, 90, 100, 20));
        var reading = SnapshotDelta.Read(before, after, new DashboardSettings());
        Assert.Equal(750, reading.P95Ms["chat"], 9);
        Assert.Contains(reading.Notes, n => n.Contains("restarted"));
    }

    [Fact]
    public void A_malformed_snapshot_line_names_the_file_and_line()
    {
        var before = Write("b.prom", "# TYPE x histogram\nthis is { broken\n");
        var after = Write("a.prom", Exposition(DashboardSettings.DefaultHistogramMetric, 1, 1, 1, 1));
        var error = Assert.Throws<FormatException>(() => SnapshotDelta.Read(before, after, new DashboardSettings()));
        Assert.Contains("b.prom:2", error.Message);
    }

    [Theory]
    [InlineData("chat=1070,sync-jobs=820", "chat", 1070)]
    [InlineData(" chat = 1070ms ; sync-jobs=820 ", "sync-jobs", 820)]
    public void Dashboard_figures_typed_by_hand_are_parsed(string text, string endpoint, double expected)
    {
        var reading = ManualDashboardP95.Parse(text);
        Assert.Equal(expected, reading.P95Ms[endpoint]);
        Assert.Equal(DashboardSource.Manual, reading.Source);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("chat=fast")]
    [InlineData("chat=1,chat=2")]
    [InlineData("chat=-5")]
    public void Bad_dashboard_figures_say_how_to_write_them(string text)
    {
        var error = Assert.Throws<FormatException>(() => ManualDashboardP95.Parse(text));
        Assert.Contains("like chat=1070", error.Message);
    }

    [Fact]
    public void Delta_is_relative_to_the_dashboard_and_flags_endpoints_over_the_limit()
    {
        var dashboard = ManualDashboardP95.Parse("chat=1070,sync-jobs=820");
        var client = new Dictionary<string, double?> { ["chat"] = 1000, ["sync-jobs"] = 1000, ["unreachable"] = 3 };
        var deltas = P95Delta.Compare(client, dashboard, 0.10);
        var chat = deltas.Single(d => d.Endpoint == "chat");
        Assert.Equal(70.0 / 1070, chat.Delta!.Value, 12);
        Assert.False(chat.OverLimit);
        Assert.True(deltas.Single(d => d.Endpoint == "sync-jobs").OverLimit);
        Assert.DoesNotContain(deltas, d => d.Endpoint == "unreachable"); // the server never saw it
    }
}
