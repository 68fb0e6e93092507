using Pipeline.Perf.Reporting;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Reporting;

public sealed class ScenarioThresholdsTests
{
    [Fact]
    public void Reads_k6_shaped_thresholds_from_a_scenario_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "options": { "thresholds": {
                    "http_req_duration{name:chat}": ["p(95)<1000"],
                    "http_req_duration{name:sync-jobs}": [{ "threshold": "p(95)<800", "abortOnFail": false }],
                    "http_req_failed": "rate<0.10" } } }
                """);
            var rules = ScenarioThresholds.Read(path);
            Assert.Equal(3, rules.Count);
            Assert.Equal(ThresholdRule.Parse("http_req_duration{name:sync-jobs}", "p(95)<800"), rules[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_per_endpoint_thresholds_of_the_p95_scenario_shape()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "name": "p95", "endpoints": [
                    { "name": "chat", "path": "/api/v1/chat", "thresholds": ["p(95)<1000"] },
                    { "name": "sync-jobs", "path": "/api/v1/sync-jobs", "thresholds": ["p(95)<2000", "avg<900"] },
                    { "name": "health", "path": "/health" } ],
                  "thresholds": { "http_req_failed": ["rate<0.05"] } }
                """);
            var rules = ScenarioThresholds.Read(path);
            Assert.Equal(["http_req_duration{name:chat} p(95)<1000", "http_req_duration{name:sync-jobs} p(95)<2000",
                          "http_req_duration{name:sync-jobs} avg<900", "http_req_failed rate<0.05"],
                rules.Select(r => $"{r.Key} {r.Expression}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parses_thresholds_typed_on_the_command_line()
    {
        var rules = ScenarioThresholds.ParseList(["http_req_duration{name:chat}=p(95)<1000;http_req_failed=rate<=0.1"]);
        Assert.Equal("<=", rules[1].Operator);
        Assert.Throws<FormatException>(() => ScenarioThresholds.ParseList(["p(95)<1000"]));
    }
}
