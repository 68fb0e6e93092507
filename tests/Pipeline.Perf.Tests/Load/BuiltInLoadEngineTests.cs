using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Load;

public class BuiltInLoadEngineTests
{
    private static readonly string FixtureNdjson = Path.Combine(AppContext.BaseDirectory, "fixtures", "k6", "k6-run-B.ndjson");

    private static LoadScenario ChatAndSync(int requests = 300, int concurrency = 6) => ScenarioFile.Parse($$$"""
        {"name":"p95","requests":{{{requests}}},"concurrency":{{{concurrency}}},"requestTimeout":"5s",
         "endpoints":[
           {"name":"chat","method":"POST","path":"/api/v1/chat","body":{"q":"hi"},"share":0.8,"thresholds":["p(95)<1000"]},
           {"name":"sync-jobs","method":"POST","path":"/api/v1/sync-jobs","body":"{}","share":0.2}],
         "thresholds":{"http_req_failed":["rate<0.10"]}}
        """);

    private static async Task<(BuiltInRunOutcome Outcome, string[] Lines)> RunAsync(BuiltInLoadSettings settings, CancellationToken token = default)
    {
        using var output = new MemoryStream();
        var outcome = await BuiltInLoadEngine.RunAsync(settings, output, token);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (outcome, lines);
    }

    private static IEnumerable<JsonElement> Points(string[] lines, string metric) =>
        lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "Point" && e.GetProperty("metric").GetString() == metric)
            .Select(e => e.GetProperty("data"));

    [Fact]
    public async Task A_closed_run_records_every_request_as_k6_ndjson_with_the_share_mix_and_the_token()
    {
        await using var api = await TestApi.StartAsync();
        var progress = new List<LoadProgress>();

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(api.BaseUri, "test-token-123"))
        {
            OnProgress = p => { lock (progress) progress.Add(p); },
        });

        Assert.Equal(300, outcome.Requests);
        Assert.Equal(0, outcome.Failed);
        Assert.Equal(300, api.Requests);
        Assert.All(api.AuthorizationHeaders, h => Assert.Equal("Bearer test-token-123", h));
        Assert.Equal(4 + 4 * 300, lines.Length);
        Assert.Equal(outcome.NdjsonLines, lines.Length);
        var durations = Points(lines, "http_req_duration").ToList();
        Assert.Equal(240, durations.Count(p => p.GetProperty("tags").GetProperty("name").GetString() == "chat"));
        Assert.Equal(60, durations.Count(p => p.GetProperty("tags").GetProperty("name").GetString() == "sync-jobs"));
        Assert.All(durations, p => Assert.True(p.GetProperty("value").GetDouble() > 0));
        Assert.DoesNotContain(lines, l => l.Contains("test-token-123"));
        Assert.Equal(300, progress[^1].Completed);
        Assert.Equal(300.0, outcome.Summary.Value("http_reqs", "count"));
        Assert.Equal(60.0, outcome.Summary.Value("http_req_duration{name:sync-jobs}", "count") ?? 60.0);
    }

    [Fact]
    public async Task The_summary_agrees_with_the_ndjson_using_k6s_percentile()
    {
        await using var api = await TestApi.StartAsync();

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(api.BaseUri)));

        var chat = Points(lines, "http_req_duration")
            .Where(p => p.GetProperty("tags").GetProperty("name").GetString() == "chat")
            .Select(p => p.GetProperty("value").GetDouble()).Order().ToArray();
        Assert.Equal(K6Percentile.Of(chat, 0.95), outcome.Summary.Value("http_req_duration{name:chat}", "p(95)")!.Value, 6);
        Assert.Equal(chat.Max(), outcome.Summary.Value("http_req_duration{name:chat}", "max")!.Value, 6);
        var thresholds = outcome.Summary.Thresholds();
        Assert.Contains(thresholds, t => t.Rule.Key == "http_req_duration{name:chat}" && t.Rule.Expression == "p(95)<1000" && t.Passed == true);
        Assert.Contains(thresholds, t => t.Rule.Key == "http_req_failed" && t.Rule.Expression == "rate<0.1" && t.Passed == true && t.Observed == 0);
        Assert.All(thresholds, t => Assert.Equal("pipeline-builtin", t.Source));
        var parsed = K6SummaryExport.Parse(outcome.Summary.ToJson());
        Assert.Equal(outcome.Summary.Value("http_req_duration", "p(95)"), parsed.Value("http_req_duration", "p(95)"));
        Assert.False(parsed.Metrics["http_req_failed"].ThresholdsCrossed["rate<0.10"]);
        Assert.Equal("pipeline-builtin", parsed.Engine);
    }

    [Fact]
    public async Task Metric_lines_and_tags_match_real_k6_output()
    {
        await using var api = await TestApi.StartAsync();
        var fixture = File.ReadAllLines(FixtureNdjson);

        var (_, lines) = await RunAsync(new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(api.BaseUri)));

        foreach (var metric in new[] { "http_reqs", "http_req_duration", "http_req_failed", "http_req_waiting" })
        {
            bool IsMetricLine(string l) => l.StartsWith("{\"type\":\"Metric\"") && l.EndsWith($"\"metric\":\"{metric}\"}}");
            Assert.Equal(fixture.First(IsMetricLine), lines.First(IsMetricLine));
        }
        var realTags = TagKeys(fixture.First(l => l.Contains("\"metric\":\"http_reqs\",\"type\":\"Point\"") && l.Contains("\"status\":\"202\"")));
        var ourLine = lines.First(l => l.Contains("\"metric\":\"http_reqs\",\"type\":\"Point\"") && l.Contains("\"status\":\"202\""));
        Assert.Equal(realTags, TagKeys(ourLine));
        Assert.Equal(["metric", "type", "data"], JsonDocument.Parse(ourLine).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["time", "value", "tags"], JsonDocument.Parse(ourLine).RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Contains("\"url\":\"sync-jobs\"", ourLine);
    }

    private static string[] TagKeys(string line) =>
        JsonDocument.Parse(line).RootElement.GetProperty("data").GetProperty("tags").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task An_unreachable_base_url_fails_before_anything_is_sent()
    {
        var port = FreePort();
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<LoadTargetUnreachableException>(() =>
            BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(new Uri($"http://127.0.0.1:{port}"))), output));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Equal(nameof(P95RunSettings.BaseUrl), error.Input);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task An_unreachable_base_url_is_shown_with_its_credentials_masked()
    {
        var port = FreePort();

        var error = await Assert.ThrowsAsync<LoadTargetUnreachableException>(() => RunAsync(
            new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(new Uri($"http://qa:probe-pass-5521@127.0.0.1:{port}")))));   // test value, pipeline:allow-secret

        Assert.StartsWith($"Cannot reach http://qa:***@127.0.0.1:{port} (connection refused", error.Message);
        Assert.DoesNotContain("probe-pass-5521", error.Message);
        Assert.Equal(nameof(P95RunSettings.BaseUrl), error.Input);
    }

    [Fact]
    public async Task The_reference_api_this_run_started_failing_the_probe_names_no_setting_of_the_user()
    {
        var port = FreePort();

        var error = await Assert.ThrowsAsync<LoadTargetUnreachableException>(() => RunAsync(
            new BuiltInLoadSettings(ChatAndSync(), new LoadTarget(new Uri($"http://127.0.0.1:{port}"))) { TargetIsReferenceApi = true }));

        Assert.StartsWith($"The reference API started for this run stopped answering at http://127.0.0.1:{port} (connection refused", error.Message);
        Assert.Null(error.Input); // the user gave no URL: "--base-url:" would blame an input that does not exist
        Assert.DoesNotContain("fix the URL", error.Message);
    }

    [Fact]
    public async Task A_threshold_on_a_submetric_without_any_request_has_no_verdict_rather_than_a_pass_on_zeros()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ChatAndSync();
        scenario = scenario with
        {
            Thresholds = new Dictionary<string, IReadOnlyList<string>>(scenario.Thresholds) { ["http_req_duration{expected_response:false}"] = ["p(95)<1000"] },
        };

        var (outcome, _) = await RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)));

        var unchecked_ = Assert.Single(outcome.Summary.Thresholds(), t => t.Rule.Key == "http_req_duration{expected_response:false}");
        Assert.Null(unchecked_.Passed);
        Assert.Equal("the run made no request that counts in http_req_duration{expected_response:false}", unchecked_.NotEvaluatedBecause);
        Assert.Contains("\"p(95)<1000\": null", outcome.Summary.ToJson());
        Assert.All(outcome.Summary.Thresholds().Where(t => t != unchecked_), t => Assert.True(t.Passed));
    }

    [Fact]
    public async Task A_server_that_dies_mid_run_gives_status_0_failures_and_the_run_completes()
    {
        var api = await TestApi.StartAsync(chatDelay: TimeSpan.FromMilliseconds(5));
        var stopped = 0;
        var watch = Stopwatch.StartNew();

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(ChatAndSync(requests: 400, concurrency: 4), new LoadTarget(api.BaseUri))
        {
            ProgressInterval = TimeSpan.FromMilliseconds(20),
            OnProgress = p =>
            {
                if (p.Completed >= 50 && Interlocked.Exchange(ref stopped, 1) == 0) _ = api.DisposeAsync().AsTask();
            },
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(400, outcome.Requests);
        Assert.True(outcome.Failed > 0);
        var failures = Points(lines, "http_req_failed").Where(p => p.GetProperty("value").GetDouble() == 1).ToList();
        Assert.Equal(outcome.Failed, failures.Count);
        Assert.All(failures, p =>
        {
            var tags = p.GetProperty("tags");
            Assert.Equal("0", tags.GetProperty("status").GetString());
            Assert.Equal("false", tags.GetProperty("expected_response").GetString());
            Assert.StartsWith("1", tags.GetProperty("error_code").GetString());
            Assert.True(tags.GetProperty("error").GetString()!.Length > 0);
            Assert.False(tags.TryGetProperty("proto", out _));
        });
        Assert.Contains(failures, p => p.GetProperty("tags").GetProperty("error_code").GetString() == "1212");
    }

    [Fact]
    public async Task A_hanging_server_is_cut_at_the_request_timeout_with_k6s_timeout_code()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ScenarioFile.Parse("""{"requests":4,"concurrency":4,"requestTimeout":"300ms","endpoints":[{"name":"hang","path":"/hang"}]}""");
        var watch = Stopwatch.StartNew();

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(4, outcome.Failed);
        Assert.All(Points(lines, "http_reqs"), p =>
        {
            Assert.Equal("1050", p.GetProperty("tags").GetProperty("error_code").GetString());
            Assert.Equal("request timeout", p.GetProperty("tags").GetProperty("error").GetString());
        });
    }

    [Fact]
    public async Task Http_errors_carry_k6s_code_without_an_error_message()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ScenarioFile.Parse("""{"requests":10,"concurrency":2,"endpoints":[{"name":"fail","path":"/fail"}],"thresholds":{"http_req_failed":["rate<0.5"]}}""");

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)));

        var tags = Points(lines, "http_reqs").First().GetProperty("tags");
        Assert.Equal("1503", tags.GetProperty("error_code").GetString());
        Assert.False(tags.TryGetProperty("error", out _));
        Assert.Equal("HTTP/1.1", tags.GetProperty("proto").GetString());
        Assert.Contains(outcome.Summary.Thresholds(), t => t.Rule.Key == "http_req_failed" && t.Passed == false && t.Observed == 1);
    }

    [Fact]
    public async Task The_open_model_times_from_the_schedule_and_counts_dropped_iterations()
    {
        await using var api = await TestApi.StartAsync(chatDelay: TimeSpan.FromMilliseconds(100));
        // 2 workers at 100 ms each serve at most ~20 req/s; 200 req/s must drop most starts.
        var scenario = ScenarioFile.Parse("""{"model":"open","rate":200,"requests":100,"concurrency":2,"endpoints":[{"name":"chat","method":"POST","path":"/api/v1/chat"}]}""");

        var (outcome, lines) = await RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)));

        Assert.True(outcome.Dropped > 50, $"dropped {outcome.Dropped}, sent {outcome.Requests}, elapsed {outcome.Elapsed}");
        Assert.Equal(100, outcome.Requests + outcome.Dropped);
        Assert.Equal(outcome.Dropped, Points(lines, "dropped_iterations").Count());
        Assert.Equal((double)outcome.Dropped, outcome.Summary.Value("dropped_iterations", "count"));
        // The server sleeps 100 ms; .NET timers run on a coarse clock (4 ms ticks on Linux) and may fire that much early.
        Assert.All(Points(lines, "http_req_duration"), p => Assert.True(p.GetProperty("value").GetDouble() >= 95, p.GetProperty("value").ToString()));
        Assert.Contains(lines, l => l.StartsWith("{\"type\":\"Metric\",\"data\":{\"name\":\"dropped_iterations\""));
    }

    [Fact]
    public async Task A_threshold_on_a_metric_the_engine_does_not_measure_is_refused_up_front()
    {
        var scenario = ScenarioFile.Parse("""{"endpoints":[{"name":"a","path":"/"}],"thresholds":{"checks":["rate>0.9"]}}""");

        var error = await Assert.ThrowsAsync<ScenarioException>(() =>
            BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(new Uri("http://127.0.0.1:1"))), Stream.Null));

        Assert.Contains("'checks'", error.Message);
        Assert.Contains("--engine k6", error.Message);
    }

    [Fact]
    public async Task No_request_starts_after_the_maximum_duration()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = ScenarioFile.Parse("""{"requests":1000,"concurrency":2,"requestTimeout":"300ms","endpoints":[{"name":"hang","path":"/hang"}]}""");
        var watch = Stopwatch.StartNew();

        var (outcome, _) = await RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri)) { MaxDuration = TimeSpan.FromSeconds(1) });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        Assert.InRange(outcome.Requests, 2, 12);
    }

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
