using Pipeline.Perf.Load;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Load;

/// <summary>The built-in engine's NDJSON goes through the same reader as real k6 output and gives the same figures as its own summary.</summary>
public sealed class BuiltInNdjsonReadBackTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"builtin-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Summarizes_reader_agrees_with_the_engines_summary_including_http_errors()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ScenarioFile.Parse($$$"""
            {"requests":300,"concurrency":5,"endpoints":[
              {"name":"chat","method":"POST","path":"/api/v1/chat","body":{"q":"hi"},"share":0.6,"thresholds":["p(95)<1000"]},
              {"name":"sync-jobs","method":"POST","path":"/api/v1/sync-jobs","share":0.3},
              {"name":"fail","path":"/fail","share":0.1}]}
            """);
        BuiltInRunOutcome outcome;
        await using (var stream = File.Create(_file))
            outcome = await BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)), stream);

        var read = K6ResultReader.Read([_file]);

        Assert.Equal(0, read.SkippedLines);
        Assert.Equal(300, read.Overall.Count);
        Assert.Equal(outcome.Summary.Value("http_req_duration", "p(95)")!.Value, read.Overall.P95!.Value, 6);
        foreach (var name in new[] { "chat", "sync-jobs", "fail" })
        {
            var endpoint = read.Endpoints.Single(e => e.Name == name);
            Assert.Equal(outcome.Summary.Value($"http_req_duration{{name:{name}}}", "p(95)")!.Value, endpoint.Latency.P95!.Value, 6);
        }
        Assert.Equal(180, read.Endpoints.Single(e => e.Name == "chat").Latency.Count);
        Assert.Equal(30, read.OverallStatus!.ServerErrors5xx);
    }
}
