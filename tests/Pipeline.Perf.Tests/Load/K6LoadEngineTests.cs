using Pipeline.Core.Tools;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;
using Serilog;

namespace Pipeline.Perf.Tests.Load;

public sealed class K6LoadEngineTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("k6-reports-").FullName;
    private readonly ToolRunner _tools = new(new LoggerConfiguration().CreateLogger());
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "perf", "p95_local_test.js");
    private static readonly string ScenarioPath = Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json");

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    private K6RunSettings Settings(FakeK6 k6, string? token = "tok-secret-value") => new(
        k6.Executable, Script, ScenarioPath, ScenarioFile.Load(ScenarioPath).WithRunSize(400, 12),
        new LoadTarget(new Uri("http://127.0.0.1:5555/"), token),
        Path.Combine(_reports, "p95_k6_20261125.json"), Path.Combine(_reports, "p95_k6_20261125.summary.json"));

    [Fact]
    public async Task K6_is_run_with_k6s_output_flags_and_the_scenario_passed_by_environment()
    {
        using var k6 = new FakeK6();
        var settings = Settings(k6);

        var outcome = await K6LoadEngine.RunAsync(settings, _tools);

        Assert.Equal("run", k6.Arguments[0]);
        Assert.Contains("--out", k6.Arguments);
        Assert.Contains(k6.Arguments, a => a.StartsWith("json=") && a.EndsWith("p95_k6_20261125.json.partial"));
        Assert.Contains(k6.Arguments, a => a.StartsWith("--summary-export=") && a.EndsWith("p95_k6_20261125.summary.json.partial"));
        Assert.Equal(Script, k6.Arguments[^1]);
        Assert.DoesNotContain(k6.Arguments, a => a.Contains("tok-secret-value"));
        Assert.Contains("BASE_URL=http://127.0.0.1:5555\n", k6.Environment);
        Assert.Contains("TOKEN=tok-secret-value\n", k6.Environment);
        Assert.Contains($"SCENARIO_FILE={ScenarioPath}\n", k6.Environment);
        Assert.Contains("REQUESTS=400\n", k6.Environment);
        Assert.Contains("CONCURRENCY=12\n", k6.Environment);

        Assert.False(outcome.ThresholdsCrossed);
        Assert.Equal("k6 v0.47.0 (go1.21.1, linux/amd64)", outcome.Version);
        Assert.Equal(313.0, outcome.Summary.Value("http_reqs", "count"));
        Assert.Null(outcome.Summary.Engine);
        Assert.Equal(159.6254352, outcome.Summary.Value("http_req_duration", "p(95)"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "k6", "k6-run-B.ndjson")), File.ReadAllBytes(settings.NdjsonPath));
        Assert.True(File.Exists(settings.SummaryPath));
        Assert.Empty(Directory.GetFiles(_reports, "*.partial"));
    }

    [Fact]
    public async Task Exit_99_is_a_verdict_not_a_crash()
    {
        using var k6 = new FakeK6(exitCode: 99);

        var outcome = await K6LoadEngine.RunAsync(Settings(k6), _tools);

        Assert.True(outcome.ThresholdsCrossed);
        Assert.Equal(99, outcome.ExitCode);
    }

    [Fact]
    public async Task A_crashing_k6_is_an_error_with_its_stderr_and_leaves_no_partial_files()
    {
        using var k6 = new FakeK6(body: """
            #!/usr/bin/env bash
            if [ "$1" = "version" ]; then echo "k6 v0.47.0"; exit 0; fi
            for a in "$@"; do case "$a" in json=*) echo '{"type":"Metric"' > "${a#json=}" ;; esac; done
            echo 'ERRO[0000] SyntaxError: Unexpected token' >&2
            exit 107
            """);
        var settings = Settings(k6);

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => K6LoadEngine.RunAsync(settings, _tools));

        Assert.Contains("107", error.Message);
        Assert.Contains("SyntaxError", error.Message);
        Assert.Empty(Directory.GetFiles(_reports));
    }

    [Fact]
    public async Task A_malformed_summary_export_is_reported_as_such()
    {
        using var k6 = new FakeK6(body: """
            #!/usr/bin/env bash
            if [ "$1" = "version" ]; then echo "k6 v0.47.0"; exit 0; fi
            for a in "$@"; do case "$a" in json=*) echo '{}' > "${a#json=}" ;; --summary-export=*) echo '{"metrics": [' > "${a#--summary-export=}" ;; esac; done
            exit 0
            """);

        var error = await Assert.ThrowsAsync<ToolException>(() => K6LoadEngine.RunAsync(Settings(k6), _tools));

        Assert.Contains("summary export", error.Message);
        Assert.Empty(Directory.GetFiles(_reports));
    }

    [Fact]
    public async Task A_k6_that_writes_nothing_is_reported()
    {
        using var k6 = new FakeK6(body: "#!/usr/bin/env bash\nexit 0\n");

        var error = await Assert.ThrowsAsync<ToolException>(() => K6LoadEngine.RunAsync(Settings(k6), _tools));

        Assert.Contains("did not write", error.Message);
    }

    [Fact]
    public async Task A_hanging_k6_is_stopped_at_the_timeout()
    {
        using var k6 = new FakeK6(body: "#!/usr/bin/env bash\nif [ \"$1\" = \"version\" ]; then echo k6; exit 0; fi\nsleep 60\n");

        var error = await Assert.ThrowsAsync<ToolTimeoutException>(() =>
            K6LoadEngine.RunAsync(Settings(k6) with { Timeout = TimeSpan.FromSeconds(1) }, _tools));

        Assert.Contains("did not finish within 1 s", error.Message);
    }
}
