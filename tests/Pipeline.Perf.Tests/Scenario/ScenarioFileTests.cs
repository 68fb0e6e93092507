using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Scenario;

public class ScenarioFileTests
{
    private static string ShippedScenario => Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json");

    private const string Minimal = """{"endpoints":[{"name":"chat","method":"POST","path":"/api/v1/chat"}]}""";

    [Fact]
    public void The_shipped_scenario_meets_AC3_1()
    {
        var scenario = ScenarioFile.Load(ShippedScenario);

        Assert.Equal("p95", scenario.Name);
        Assert.Equal(LoadModel.Closed, scenario.Model);
        Assert.True(scenario.Requests >= LoadScenario.MinimumRequests);
        Assert.Equal(["chat", "sync-jobs"], scenario.Endpoints.Select(e => e.Name));
        Assert.Equal(["p(95)<1000"], scenario.AllThresholds()["http_req_duration{name:chat}"]);
        Assert.Equal(["rate<0.05"], scenario.AllThresholds()["http_req_failed"]);
        Assert.Contains("\"message\"", scenario.Endpoints[0].Body);
        scenario.EnsureEnoughRequests(allowSmallRun: false);
    }

    [Fact]
    public void The_json_schema_describes_exactly_the_fields_the_reader_knows()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        var endpoint = properties.GetProperty("endpoints").GetProperty("items").GetProperty("properties");

        Assert.Equal(ScenarioFile.TopLevelFields.Order(), properties.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(ScenarioFile.EndpointFields.Order(), endpoint.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(LoadScenario.DefaultRequests, properties.GetProperty("requests").GetProperty("default").GetInt32());
        Assert.Equal(LoadScenario.DefaultConcurrency, properties.GetProperty("concurrency").GetProperty("default").GetInt32());
    }

    [Fact]
    public void Defaults_apply_when_fields_are_left_out()
    {
        var scenario = ScenarioFile.Parse(Minimal);

        Assert.Equal(300, scenario.Requests);
        Assert.Equal(10, scenario.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), scenario.RequestTimeout);
        Assert.Equal(1, scenario.Endpoints[0].Share);
        Assert.Null(scenario.Endpoints[0].Body);
    }

    [Theory]
    [InlineData("""{"endpoints":[{"name":"chat","path":"/x","share":0}]}""", "$.endpoints[0].share")]
    [InlineData("""{"endpoints":[{"name":"chat","path":"/x"},{"name":"b","path":"y"}]}""", "$.endpoints[1].path")]
    [InlineData("""{"endpoints":[{"name":"chat","path":"/x","thresholds":["p95<1000"]}]}""", "$.endpoints[0].thresholds[0]")]
    [InlineData("""{"endpoints":[{"name":"chat","path":"/x","metod":"GET"}]}""", "$.endpoints[0].metod")]
    [InlineData("""{"endpoints":[{"name":"chat","path":"/x","method":"FETCH"}]}""", "$.endpoints[0].method")]
    [InlineData("""{"endpoints":[{"name":"a","path":"/x"},{"name":"a","path":"/y"}]}""", "$.endpoints[1].name")]
    [InlineData("""{"requests":"300","endpoints":[{"name":"a","path":"/x"}]}""", "$.requests")]
    [InlineData("""{"model":"open","endpoints":[{"name":"a","path":"/x"}]}""", "$.rate")]
    [InlineData("""{"model":"burst","endpoints":[{"name":"a","path":"/x"}]}""", "$.model")]
    [InlineData("""{"requestTimeout":"ten seconds","endpoints":[{"name":"a","path":"/x"}]}""", "$.requestTimeout")]
    [InlineData("""{"endpoints":[]}""", "$.endpoints")]
    [InlineData("""{"requests":300}""", "$.endpoints")]
    [InlineData("""{"thresholds":{"http_req_failed":"rate<0.1"},"endpoints":[{"name":"a","path":"/x"}]}""", "$.thresholds['http_req_failed']")]
    [InlineData("""{"thresholds":{"http_req_duration{name:a,status:200}":["p(95)<1"]},"endpoints":[{"name":"a","path":"/x"}]}""", "$.thresholds['http_req_duration{name:a,status:200}'][0]")]
    public void A_bad_file_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "bad.json"));

        Assert.StartsWith("bad.json: " + field + " ", error.Message);
    }

    [Fact]
    public void Broken_json_reports_the_line()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse("{\n\"requests\": 300,\n\"endpoints\": [\n}", "broken.json"));

        Assert.Contains("broken.json: not valid JSON (line 4", error.Message);
    }

    [Fact]
    public void A_missing_file_says_which_and_what_to_pass()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load("/nonexistent/p95.scenario.json"));

        Assert.Contains("/nonexistent/p95.scenario.json", error.Message);
        Assert.Contains("Give an existing scenario file", error.Message);
    }

    [Fact]
    public void Fewer_than_300_requests_are_refused_unless_allowed()
    {
        var small = ScenarioFile.Parse(Minimal).WithRunSize(requests: 50, concurrency: 4);

        var error = Assert.Throws<ScenarioException>(() => small.EnsureEnoughRequests(allowSmallRun: false));
        Assert.Contains("--allow-small-run", error.Message);
        Assert.Contains("50", error.Message);
        Assert.Equal(50, small.EnsureEnoughRequests(allowSmallRun: true).Requests);
        Assert.Equal(4, small.Concurrency);
    }

    [Fact]
    public void Endpoint_and_global_thresholds_merge_on_the_same_submetric()
    {
        var scenario = ScenarioFile.Parse("""
            {"thresholds":{"http_req_duration{name:a}":["p(99)<3000"]},
             "endpoints":[{"name":"a","path":"/x","thresholds":["p(95)<1000"]}]}
            """);

        Assert.Equal(["p(99)<3000", "p(95)<1000"], scenario.AllThresholds()["http_req_duration{name:a}"]);
    }

    [Fact]
    public void Threshold_rules_are_the_ones_summarize_evaluates()
    {
        var rules = ScenarioFile.Load(ShippedScenario).ThresholdRules();

        Assert.Contains(rules, r => r.Rule is { Metric: "http_req_duration", TagKey: "name", TagValue: "chat", Aggregate: "p(95)", Operator: "<", Bound: 1000 });
        Assert.Contains(rules, r => r.Rule is { Metric: "http_req_failed", TagKey: null, Aggregate: "rate" } && r.Text == "rate<0.05");
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    public void Durations_read_like_k6(string text, double milliseconds)
    {
        Assert.True(Pipeline.Core.Time.Duration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }
}
