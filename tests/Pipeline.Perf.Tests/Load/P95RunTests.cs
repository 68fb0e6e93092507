using Pipeline.Core.Text;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Logging;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Tools;
using Pipeline.LocalBackends;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Perf.Reporting;
using Pipeline.Perf.Statistics;
using Serilog;
using Serilog.Events;

namespace Pipeline.Perf.Tests.Load;

public sealed class P95RunTests(LocalBackendsFixture fixture) : IClassFixture<LocalBackendsFixture>, IDisposable
{
    private static readonly string ScenarioPath = Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json");
    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "perf", "p95_local_test.js");
    private readonly string _root = Directory.CreateTempSubdirectory("p95-run-").FullName;
    private readonly SecretRedactor _redactor = new();
    private readonly StringWriter _console = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<P95RunResult> RunAsync(P95RunSettings settings, string? runId = null)
    {
        var (logger, _) = BuildLog.Create(_root, DateTimeOffset.Now, LogEventLevel.Verbose, _redactor, _console);
        using (logger)
        {
            var evidence = new EvidenceStore(_root, redactor: _redactor);
            if (runId is not null) evidence.UseRunId(runId);
            return await P95Run.RunAsync(settings with { ShowProgress = false }, new RunContext(evidence, logger, tools: new ToolRunner(logger, _redactor)));
        }
    }

    private string Reports(string pattern) => Directory.GetFiles(Path.Combine(_root, "reports"), pattern).Single();

    /// <summary>Everything the run wrote: console, log files, evidence.</summary>
    private string AllOutput() => _console + string.Concat(Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

    [Fact]
    public async Task Without_a_base_url_the_reference_api_is_measured_and_every_evidence_file_is_written()
    {
        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin,
            StartLocalBackends = (_, _) => Task.FromResult(new LocalBackendSet(fixture.Backends.DatabaseUrl, fixture.Backends.OpenAIBaseUrl, fixture.Backends.OpenAIKey)),
        });

        Assert.Equal("builtin", result.Engine);
        Assert.Equal(300, result.Requests);
        Assert.Equal(0, result.Failed);
        Assert.False(result.Outcome.IsFailed);
        Assert.Matches(@"^P95 chat \d+ ms, 300 requests$", result.Headline);
        var date = DateTime.Now.ToString("yyyyMMdd");
        Assert.Equal(Path.Combine(_root, "reports", $"p95_k6_{date}.json"), result.NdjsonPath);
        Assert.Equal(Path.Combine(_root, "reports", $"p95_k6_{date}.summary.json"), result.SummaryPath);
        Assert.Equal(4 + 4 * 300, File.ReadLines(result.NdjsonPath).Count());
        Assert.Equal(300.0, K6SummaryExport.Parse(File.ReadAllText(result.SummaryPath)).Value("http_reqs", "count"));
        Assert.Contains("pipeline_http_server_request_duration_seconds_count{endpoint=\"chat\",method=\"POST\",status=\"200\"} 0",
            File.ReadAllText(Reports($"p95-server-metrics-{date}-before.prom")));
        Assert.Contains("pipeline_http_server_request_duration_seconds_count{endpoint=\"chat\",method=\"POST\",status=\"200\"} 240",
            File.ReadAllText(Reports($"p95-server-metrics-{date}-after.prom")));
        Assert.Equal([result.NdjsonPath, result.SummaryPath, Reports($"p95-server-metrics-{date}-before.prom"), Reports($"p95-server-metrics-{date}-after.prom")],
            result.EvidenceFiles);
    }

    [Fact]
    public async Task Three_shards_send_exactly_the_unsharded_runs_requests_and_summarize_merges_them_exactly()
    {
        const string token = "shard-test-token";
        var log = new LoggerConfiguration().CreateLogger();
        await using var api = await ReferenceApiProcess.StartAsync(
            new ReferenceApiLaunch(fixture.Backends.DatabaseUrl, fixture.Backends.OpenAIBaseUrl, fixture.Backends.OpenAIKey, token), new ToolRunner(log), log);
        var plan = ScenarioFile.Load(ScenarioPath);
        var mix = new RequestMix(plan.Endpoints, plan.Requests);
        var planned = Enumerable.Range(0, plan.Requests).GroupBy(i => plan.Endpoints[mix.EndpointFor(i)].Name).ToDictionary(g => g.Key, g => g.Count());

        var shards = new List<P95RunResult>();
        for (var i = 1; i <= 3; i++)
            shards.Add(await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
            {
                Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, Token = token, Shard = new ExecutionShard(i, 3),
            }, runId: "shard-test-run"));

        // Same count and same endpoint mix as the unsharded plan, and as the server's own counter.
        Assert.Equal([100L, 100L, 100L], shards.Select(s => s.Requests));
        Assert.EndsWith("100 requests (shard 2/3 of the run)", shards[1].Headline);
        Assert.All(shards, s => Assert.Equal(0, s.Failed));
        var points = shards.SelectMany(s => File.ReadLines(s.NdjsonPath)).Where(l => l.Contains("\"type\":\"Point\"")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("data")).ToList();
        var sent = shards.SelectMany(s => File.ReadLines(s.NdjsonPath))
            .Where(l => l.StartsWith("{\"metric\":\"http_reqs\",\"type\":\"Point\"", StringComparison.Ordinal))
            .GroupBy(l => JsonDocument.Parse(l).RootElement.GetProperty("data").GetProperty("tags").GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(planned.OrderBy(p => p.Key), sent.OrderBy(p => p.Key));
        var metrics = await MetricsScraper.ScrapeAsync(new Uri(api.BaseUri, "metrics"));
        var served = Regex.Matches(metrics, @"^pipeline_http_server_request_duration_seconds_count\{endpoint=""([^""]+)""[^}]*\} (\d+)$", RegexOptions.Multiline)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Sum(m => int.Parse(m.Groups[2].Value)));
        Assert.Equal(planned["chat"], served["chat"]);
        Assert.Equal(planned["sync-jobs"], served["sync-jobs"]);
        Assert.All(points, p => Assert.Equal("shard-test-run", p.GetProperty("tags").GetProperty("run_id").GetString()));
        Assert.Equal(["0:1/3", "1/3:2/3", "2/3:1"], shards.Select(s => JsonDocument.Parse(File.ReadLines(s.NdjsonPath).First(l => l.Contains("\"Point\"")))
            .RootElement.GetProperty("data").GetProperty("tags").GetProperty("execution_segment").GetString()));
        Assert.All(shards, s => Assert.Equal("shard-test-run", K6SummaryExport.Parse(File.ReadAllText(s.SummaryPath)).RunId));

        // Summarize over the three files = the percentiles of the union of their values.
        var evidence = new EvidenceStore(_root, redactor: _redactor);
        var summary = await P95Summarizer.RunAsync(new SummarizeSettings
        {
            Results = shards.Select(s => s.NdjsonPath).ToArray(), RenderChart = false, DiscoverSnapshots = false,
        }, new RunContext(evidence, log));
        foreach (var endpoint in new[] { "chat", "sync-jobs" })
        {
            var values = shards.SelectMany(s => File.ReadLines(s.NdjsonPath))
                .Where(l => l.StartsWith("{\"metric\":\"http_req_duration\",\"type\":\"Point\"", StringComparison.Ordinal))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("data"))
                .Where(d => d.GetProperty("tags").GetProperty("name").GetString() == endpoint)
                .Select(d => d.GetProperty("value").GetDouble()).Order().ToArray();
            var figures = summary.Run.Endpoints.Single(e => e.Name == endpoint).Latency;
            Assert.Equal(planned[endpoint], figures.Count);
            Assert.Equal(K6Percentile.Of(values, 0.95), figures.P95!.Value, 9);
            Assert.Equal(K6Percentile.Of(values, 0.5), figures.Med!.Value, 9);
        }
        Assert.DoesNotContain(summary.Anomalies, a => a.Contains("missing"));

        // Two of the three shards: the report says which one is missing.
        var partial = await P95Summarizer.RunAsync(new SummarizeSettings
        {
            Results = [shards[0].NdjsonPath, shards[2].NdjsonPath], RenderChart = false, DiscoverSnapshots = false,
        }, new RunContext(evidence, log));
        Assert.Contains("Shard 2/3 (1/3:2/3) missing: the figures cover 2 of 3 shards.", partial.Anomalies);
        Assert.Contains(UntrustedText.Markdown("Shard 2/3 (1/3:2/3) missing"), File.ReadAllText(partial.ReportPath));
    }

    [Fact]
    public async Task Concurrency_above_the_request_count_is_clamped_and_the_log_says_so()
    {
        await using var api = await TestApi.StartAsync();

        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, Requests = 50, Concurrency = 10_000, AllowSmallRun = true,
        });

        Assert.Equal(50, result.Requests);
        Assert.Equal(50, result.Scenario.Concurrency);
        Assert.Contains("Concurrency 10000 is more than the 50 requests; using 50 workers", _console.ToString());
    }

    [Fact]
    public async Task A_second_run_the_same_day_does_not_overwrite_the_first()
    {
        await using var api = await TestApi.StartAsync();
        var settings = new P95RunSettings(ScenarioPath, ScriptPath) { Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri };

        var first = await RunAsync(settings);
        var second = await RunAsync(settings);

        Assert.NotEqual(first.NdjsonPath, second.NdjsonPath);
        Assert.Equal(second.NdjsonPath.Replace(".json", ".summary.json"), second.SummaryPath);
        Assert.True(File.Exists(first.NdjsonPath));
    }

    [Fact]
    public async Task With_a_base_url_the_metrics_url_is_scraped_before_and_after()
    {
        await using var api = await TestApi.StartAsync();

        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, MetricsUrl = new Uri(api.BaseUri, "metrics"),
        });

        // The test API counts every request it sees, scrapes included: 1 before, then 300 + the second scrape.
        Assert.Contains("test_requests_total 1\n", File.ReadAllText(result.MetricsBeforePath!));
        Assert.Contains("test_requests_total 302\n", File.ReadAllText(result.MetricsAfterPath!));
    }

    [Fact]
    public async Task A_server_that_dies_mid_run_still_gives_complete_results_and_no_lone_snapshot()
    {
        await using var api = await TestApi.StartAsync(stopAfterRequests: 100);

        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, MetricsUrl = new Uri(api.BaseUri, "metrics"), Concurrency = 4,
        });

        Assert.Equal(300, result.Requests);
        Assert.True(result.Failed > 100, $"{result.Failed} failed");
        Assert.True(File.Exists(result.NdjsonPath));
        Assert.Null(result.MetricsBeforePath);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "reports"), "*.prom"));
        Assert.Contains("No server metrics snapshots", _console.ToString());
    }

    [Fact]
    public async Task A_flooding_metrics_url_costs_only_the_snapshots_and_is_named_with_its_cap()
    {
        await using var api = await TestApi.StartAsync();
        var metricsUrl = new UriBuilder(new Uri(api.BaseUri, "metrics-then-flood")) { UserName = "scraper", Password = "flood-pass-7781" }.Uri;

        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, MetricsUrl = metricsUrl,
        });

        Assert.Equal(300, result.Requests);
        Assert.True(File.Exists(result.NdjsonPath));
        Assert.Null(result.MetricsAfterPath);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "reports"), "*.prom"));
        var console = _console.ToString();
        Assert.Contains("metrics-then-flood answered more than 64 MiB", console);
        Assert.Contains("scraper:***@", console);
        Assert.DoesNotContain("flood-pass-7781", console);
    }

    [Fact]
    public async Task An_unreachable_base_url_fails_before_any_evidence_is_written()
    {
        var error = await Assert.ThrowsAsync<LoadTargetUnreachableException>(() => RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = new Uri($"http://127.0.0.1:{BuiltInLoadEngineTests.FreePort()}/"),
        }));

        Assert.Contains("no request was sent", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "reports"), "p95*"));
    }

    [Fact]
    public async Task Fewer_than_300_requests_are_refused_unless_allowed()
    {
        await using var api = await TestApi.StartAsync();
        var settings = new P95RunSettings(ScenarioPath, ScriptPath) { Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, Requests = 20 };

        await Assert.ThrowsAsync<ScenarioException>(() => RunAsync(settings));
        var result = await RunAsync(settings with { AllowSmallRun = true });

        Assert.Equal(20, result.Requests);
    }

    [Theory]
    [InlineData("jwt-signing-secret-planted-4712", " ", nameof(P95RunSettings.JwtRole), "The JWT role is blank")]
    [InlineData("   ", "admin", nameof(P95RunSettings.JwtSecret), "The JWT secret is blank")]
    public async Task A_blank_jwt_role_or_secret_is_the_user_s_input_naming_its_setting_and_never_the_secret(string secret, string role, string input, string message)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = new Uri("http://127.0.0.1:9/"), JwtSecret = secret, JwtRole = role,
        }));

        Assert.Equal(input, error.Input);
        Assert.StartsWith(message, error.Message);
        Assert.DoesNotContain("--", error.Message); // the library's terms; the build adds the flag
        Assert.DoesNotContain("jwt-signing-secret-planted-4712", error.Message + AllOutput());
    }

    [Fact]
    public async Task A_threshold_the_built_in_engine_has_no_request_for_is_not_evaluated_and_fails_the_run()
    {
        await using var api = await TestApi.StartAsync();
        var scenario = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ScenarioPath))!;
        scenario["thresholds"]!["http_req_duration{expected_response:false}"] = new System.Text.Json.Nodes.JsonArray("p(95)<1000");
        var scenarioPath = Path.Combine(_root, "no-failures.scenario.json");
        File.WriteAllText(scenarioPath, scenario.ToJsonString());

        var result = await RunAsync(new P95RunSettings(scenarioPath, ScriptPath) { Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri });

        Assert.Equal(0, result.Failed); // every request succeeded: none counts in the failed-only submetric
        Assert.Equal("Thresholds not evaluated: http_req_duration{expected_response:false} p(95)<1000: NOT EVALUATED " +
                     $"(the run made no request that counts in http_req_duration{{expected_response:false}}). The evidence is in reports/{Path.GetFileName(result.NdjsonPath)}.",
            result.Outcome.Failure);
        Assert.EndsWith(", thresholds not evaluated", result.Headline);
        Assert.Null(K6SummaryExport.Parse(File.ReadAllText(result.SummaryPath)).Metrics["http_req_duration{expected_response:false}"].ThresholdsCrossed["p(95)<1000"]);
    }

    [Fact]
    public async Task The_token_and_jwt_secret_never_appear_in_any_output()
    {
        await using var api = await TestApi.StartAsync();
        const string secret = "jwt-signing-secret-planted-4711";

        await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.Builtin, BaseUrl = api.BaseUri, JwtSecret = secret, JwtRole = "student", Requests = 10, AllowSmallRun = true,
        });

        var sent = api.AuthorizationHeaders.First()!["Bearer ".Length..];
        Assert.True(TestJwt.IsValid(sent, secret));
        var output = AllOutput();
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain(sent, output);
        Assert.DoesNotContain(sent.Split('.')[2], output);
    }

    [Fact]
    public async Task With_k6_available_it_runs_k6_and_exit_99_is_a_recorded_verdict()
    {
        await using var api = await TestApi.StartAsync();
        using var k6 = new FakeK6(exitCode: 99);

        var result = await RunAsync(new P95RunSettings(ScenarioPath, ScriptPath) { BaseUrl = api.BaseUri, K6Path = k6.Executable, Token = "k6-token-planted-0042" });

        Assert.StartsWith("k6 (k6 v0.47.0", result.Engine);
        Assert.True(result.ThresholdsCrossed);
        Assert.Contains("exited with 99", result.CrossedThresholdsText); // the fixture's summary itself marks none crossed
        Assert.Equal($"Thresholds crossed: {result.CrossedThresholdsText}. The evidence is in reports/{Path.GetFileName(result.NdjsonPath)}.", result.Outcome.Failure);
        Assert.Equal(313, result.Requests);
        Assert.True(File.Exists(result.NdjsonPath));
        Assert.Contains("TOKEN=k6-token-planted-0042", k6.Environment);
        Assert.DoesNotContain("k6-token-planted-0042", AllOutput());
    }

    [Fact]
    public async Task Asking_for_k6_when_it_is_missing_says_how_to_get_it()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => RunAsync(new P95RunSettings(ScenarioPath, ScriptPath)
        {
            Engine = LoadEngineChoice.K6, K6Path = "/nonexistent/k6", BaseUrl = new Uri("http://127.0.0.1:1/"),
        }));

        Assert.Contains("/nonexistent/k6", error.Message);
        Assert.Contains("--engine builtin", error.Message);
    }
}
