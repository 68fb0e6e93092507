using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.StoryPage;

public class P95MetricsReaderTests
{
    [Fact]
    public void Reads_an_endpoint_list_and_recomputes_the_delta()
    {
        using var tree = new EvidenceTree().Write("m.json",
            """{"requests":313,"maxDeltaPercent":10,"endpoints":[{"name":"chat","p95Ms":110,"dashboardP95Ms":100},{"name":"sync-jobs","p95Ms":50}]}""");
        var result = P95MetricsReader.Read(tree.PathOf("m.json"))!;
        Assert.Equal(313, result.Requests);
        Assert.Equal(10, result.MaxDeltaPercent);
        var chat = Assert.Single(result.Endpoints, e => e.Name == "chat");
        Assert.Equal((110d, 100d), (chat.ClientP95Ms!.Value, chat.DashboardP95Ms!.Value));
        Assert.Equal(10, chat.DeltaPercent!.Value, 6);
        Assert.Null(Assert.Single(result.Endpoints, e => e.Name == "sync-jobs").DeltaPercent);
    }

    [Fact]
    public void Reads_an_endpoint_map_with_k6_style_keys_and_a_nested_dashboard()
    {
        using var tree = new EvidenceTree().Write("m.json",
            """{"perEndpoint":{"chat":{"p(95)":412.5,"dashboard":{"p95":375}},"sync-jobs":{"p95_ms":"820 ms","delta_ratio":0.04}},"delta":{"max_delta":0.1}}""");
        var result = P95MetricsReader.Read(tree.PathOf("m.json"))!;
        var chat = Assert.Single(result.Endpoints, e => e.Name == "chat");
        Assert.Equal(10, chat.DeltaPercent!.Value, 6);
        var sync = Assert.Single(result.Endpoints, e => e.Name == "sync-jobs");
        Assert.Equal(820, sync.ClientP95Ms);
        Assert.Equal(4, sync.DeltaPercent!.Value, 6);
        Assert.Equal(10, result.MaxDeltaPercent!.Value, 6);
    }

    [Fact]
    public void Reads_summarize_schema_1_field_by_field()
    {
        // The layout Summarize writes (JsonReport, schemaVersion 1), trimmed to the fields that matter here.
        using var tree = new EvidenceTree().Write("m.json", """
            {
              "schemaVersion": 1,
              "overall": { "count": 313, "p95": 159.6 },
              "overallStatus": { "total": 313, "success2xx": 304 },
              "endpoints": [
                { "name": "chat", "latency": { "count": 200, "p90": 140.1, "p95": 160.25, "p99": 300.2 }, "status": { "total": 200 }, "failedRate": 0.045 },
                { "name": "unreachable", "latency": { "count": 113, "p95": 2.5 }, "status": { "total": 113 }, "failedRate": 1 }
              ],
              "dashboard": { "source": "prometheus-snapshots", "p95Ms": { "chat": 150 } },
              "delta": { "maxDelta": 0.1, "exceeded": false, "endpoints": [ { "endpoint": "chat", "clientP95Ms": 160.25, "dashboardP95Ms": 150, "delta": 0.0683, "overLimit": false } ] }
            }
            """);
        var result = P95MetricsReader.Read(tree.PathOf("m.json"))!;
        Assert.Equal(313, result.Requests);
        Assert.Equal(10, result.MaxDeltaPercent!.Value, 6);
        Assert.Equal(2, result.Endpoints.Count);
        var chat = Assert.Single(result.Endpoints, e => e.Name == "chat");
        Assert.Equal((160.25, 150d), (chat.ClientP95Ms!.Value, chat.DashboardP95Ms!.Value));
        Assert.Equal(6.8333, chat.DeltaPercent!.Value, 3);
        Assert.Equal(2.5, Assert.Single(result.Endpoints, e => e.Name == "unreachable").ClientP95Ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"endpoints\": [ {\"name\": \"chat\", ")]
    public void Unreadable_files_give_null_not_an_exception(string content)
    {
        using var tree = new EvidenceTree().Write("m.json", content);
        Assert.Null(P95MetricsReader.Read(tree.PathOf("m.json")));
        Assert.Null(P95MetricsReader.Read(tree.PathOf("absent.json")));
    }

    [Fact]
    public void An_unknown_layout_gives_no_endpoints()
    {
        using var tree = new EvidenceTree().Write("m.json", """{"version":2,"items":[1,2,3]}""");
        Assert.Empty(P95MetricsReader.Read(tree.PathOf("m.json"))!.Endpoints);
    }
}
