using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Scenario;

/// <summary>One request and concurrency limit, whether the value comes from the scenario file or the command line.</summary>
public class RunSizeLimitTests
{
    private static LoadScenario Minimal => ScenarioFile.Parse("""{"endpoints":[{"name":"chat","path":"/api/v1/chat"}]}""");

    [Fact]
    public void A_request_count_over_the_limit_is_refused_from_the_command_line_as_from_the_scenario()
    {
        var fromCommandLine = Assert.Throws<ScenarioException>(() => Minimal.WithRunSize(int.MaxValue, null));
        var fromFile = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse("""{"requests":2147483647,"endpoints":[{"name":"a","path":"/x"}]}"""));

        Assert.StartsWith("'2147483647' is out of range", fromCommandLine.Message);
        Assert.Equal(nameof(P95RunSettings.Requests), fromCommandLine.Input);
        Assert.Contains("10,000,000", fromCommandLine.Message);
        Assert.Contains("$.requests", fromFile.Message);
        Assert.Contains(LoadScenario.MaxRequests.ToString(), fromFile.Message);
        Assert.Equal(LoadScenario.MaxRequests, Minimal.WithRunSize(LoadScenario.MaxRequests, null).Requests);
    }

    [Fact]
    public void An_absurd_concurrency_is_refused_with_the_limit_and_why()
    {
        var error = Assert.Throws<ScenarioException>(() => Minimal.WithRunSize(50, 100_000));

        Assert.StartsWith("'100000' is out of range", error.Message);
        Assert.Equal(nameof(P95RunSettings.Concurrency), error.Input);
        Assert.Contains("10,000", error.Message);
        Assert.Contains("80 KB", error.Message);
    }

    [Fact]
    public void Concurrency_above_the_request_count_is_clamped_but_a_timed_run_keeps_it()
    {
        Assert.Equal(50, Minimal.WithRunSize(50, 10_000).WithConcurrencyAtMostRequests().Concurrency);
        Assert.Equal(10, Minimal.WithRunSize(500, 10).WithConcurrencyAtMostRequests().Concurrency);
        var timed = Minimal.WithRunSize(50, 200) with { Duration = TimeSpan.FromSeconds(1) };
        Assert.Equal(200, timed.WithConcurrencyAtMostRequests().Concurrency);
    }

    [Fact]
    public async Task The_built_in_engine_starts_no_more_workers_than_requests()
    {
        await using var api = await Load.TestApi.StartAsync();
        var scenario = Minimal.WithRunSize(50, LoadScenario.MaxConcurrency) with
        {
            Endpoints = [new ScenarioEndpoint("sync-jobs", "POST", "/api/v1/sync-jobs")],
        };

        var outcome = await BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)), Stream.Null);

        Assert.Equal(50, outcome.Requests);
        Assert.Equal(50.0, outcome.Summary.Value("vus_max", "value")); // the workers the run had
    }
}
