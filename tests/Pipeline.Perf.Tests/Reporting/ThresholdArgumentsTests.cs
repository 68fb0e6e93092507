using Pipeline.Core.Errors;
using Pipeline.Perf.Reporting;
using Pipeline.Perf.Scenario;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Reporting;

public sealed class ThresholdArgumentsTests
{
    [Fact]
    public void Parses_thresholds_typed_on_the_command_line()
    {
        var rules = ThresholdArguments.ParseList(["http_req_duration{name:chat}=p(95)<1000;http_req_failed=rate<=0.1"]);
        Assert.Equal("<=", rules[1].Operator);
        Assert.Throws<UserInputException>(() => ThresholdArguments.ParseList(["p(95)<1000"]));
    }

    [Theory]
    [InlineData("garbage", "not metric=expression")]
    [InlineData("http_req_duration=p(95)<abc", "not understood")]
    [InlineData("http_req_duration=p(200)<1", "between 0 and 100")]
    public void A_threshold_k6_would_refuse_is_one_clear_line(string item, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => ThresholdArguments.ParseList([item]));
        Assert.Equal(nameof(SummarizeSettings.Thresholds), error.Input);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Summarize_reads_the_shipped_scenario_thresholds_per_endpoint_and_overall()
    {
        var rules = ScenarioFile.Load(Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json")).ThresholdRules();
        Assert.Equal(["http_req_duration{name:chat} p(95)<1000", "http_req_duration{name:sync-jobs} p(95)<2000", "http_req_failed rate<0.05"],
            rules.Select(r => $"{r.Rule.Key} {r.Rule.Expression}").Order());
        Assert.Equal(ThresholdRule.Parse("http_req_duration{name:chat}", "p(95)<1000"), rules.Single(r => r.Text == "p(95)<1000").Rule);
    }
}
