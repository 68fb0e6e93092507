using System.Text;
using System.Text.Json;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Load;

/// <summary>Redirects as k6 handles them: followed up to maxRedirects, every hop recorded, credentials only to the base URL's origin.</summary>
public class RedirectTests
{
    private static LoadScenario OneEndpoint(string method, string path, int requests = 5, int? maxRedirects = null) =>
        new("p95", [new ScenarioEndpoint("ep", method, path)])
        {
            Requests = requests, Concurrency = 1, RequestTimeout = TimeSpan.FromSeconds(5),
            MaxRedirects = maxRedirects ?? LoadScenario.DefaultMaxRedirects,
        };

    private static async Task<(BuiltInRunOutcome Outcome, List<JsonElement> Durations)> RunAsync(LoadScenario scenario, LoadTarget target)
    {
        using var output = new MemoryStream();
        var outcome = await BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, target), output);
        var durations = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "Point" && e.GetProperty("metric").GetString() == "http_req_duration")
            .Select(e => e.GetProperty("data").GetProperty("tags").Clone()).ToList();
        return (outcome, durations);
    }

    private static string Tag(JsonElement tags, string name) => tags.TryGetProperty(name, out var v) ? v.GetString()! : "";

    [Fact]
    public async Task Redirects_are_followed_and_every_hop_is_recorded_as_a_request_like_k6()
    {
        await using var api = await TestApi.StartAsync();

        var (outcome, durations) = await RunAsync(OneEndpoint("POST", "/redirect/3"), new LoadTarget(api.BaseUri, "tok"));

        Assert.Equal(5 * 4, outcome.Requests);
        Assert.Equal(0, outcome.Failed);
        Assert.Equal(5 * 4, api.Requests);
        Assert.Equal(15, durations.Count(t => Tag(t, "status") == "302"));
        Assert.Equal(5, durations.Count(t => Tag(t, "status") == "200"));
        // The first hop is the POST; 302 turns the rest into GETs, as Go's client (k6) does.
        Assert.Equal(5, durations.Count(t => Tag(t, "method") == "POST"));
        Assert.Equal(15, durations.Count(t => Tag(t, "method") == "GET"));
        Assert.All(durations, t => Assert.Equal("ep", Tag(t, "name")));
        Assert.Equal(20.0, outcome.Summary.Value("http_reqs", "count"));
    }

    [Fact]
    public async Task With_max_redirects_0_a_redirect_is_the_answer()
    {
        await using var api = await TestApi.StartAsync();

        var (outcome, durations) = await RunAsync(OneEndpoint("GET", "/redirect/3", maxRedirects: 0), new LoadTarget(api.BaseUri));

        Assert.Equal(5, outcome.Requests);
        Assert.All(durations, t => Assert.Equal("302", Tag(t, "status")));
    }

    [Fact]
    public async Task A_redirect_loop_ends_as_that_requests_error()
    {
        await using var api = await TestApi.StartAsync();

        var (outcome, durations) = await RunAsync(OneEndpoint("GET", "/loop", maxRedirects: 2), new LoadTarget(api.BaseUri));

        Assert.Equal(5 * 3, api.Requests);
        Assert.Equal(5, outcome.Failed);
        var errors = durations.Where(t => Tag(t, "status") == "0").ToList();
        Assert.Equal(5, errors.Count);
        Assert.All(errors, t => Assert.Equal("stopped after 2 redirects", Tag(t, "error")));
        Assert.All(errors, t => Assert.Equal("false", Tag(t, "expected_response")));
        Assert.Equal(10, durations.Count(t => Tag(t, "status") == "302"));
    }

    [Fact]
    public async Task A_cross_origin_redirect_never_carries_the_token()
    {
        await using var api = await TestApi.StartAsync();
        await using var other = await TestApi.StartAsync();
        api.RedirectAwayTo = new Uri(other.BaseUri, "redirect/0");

        var (outcome, _) = await RunAsync(OneEndpoint("GET", "/away"), new LoadTarget(api.BaseUri, "secret-token-xyz"));

        Assert.Equal(10, outcome.Requests);
        Assert.Equal(0, outcome.Failed);
        Assert.Equal(5, other.Requests);
        Assert.All(other.AuthorizationHeaders, Assert.Null);
        Assert.All(api.AuthorizationHeaders, h => Assert.Equal("Bearer secret-token-xyz", h));
    }

    [Fact]
    public void The_scenario_file_reads_max_redirects_within_its_bounds()
    {
        Assert.Equal(10, ScenarioFile.Parse("""{"endpoints":[{"name":"a","path":"/x"}]}""").MaxRedirects);
        Assert.Equal(0, ScenarioFile.Parse("""{"maxRedirects":0,"endpoints":[{"name":"a","path":"/x"}]}""").MaxRedirects);
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse("""{"maxRedirects":-1,"endpoints":[{"name":"a","path":"/x"}]}"""));
        Assert.Contains("$.maxRedirects", error.Message);
    }
}
