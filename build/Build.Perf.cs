using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Load;
using Pipeline.Perf.Reporting;
using Pipeline.Targets;

// Latency evidence: RunP95 (AC3.1) and Summarize (AC3.1-AC3.3).
partial class Build
{
    [Parameter("Load scenario file (default: scripts/perf/p95.scenario.json)")] readonly AbsolutePath Scenario;
    [Parameter("Load engine: auto (k6 when installed), k6 or builtin")] readonly LoadEngineChoice Engine = LoadEngineChoice.Auto;
    [Parameter("API under test (default: start the reference API on loopback)")] readonly Uri BaseUrl;
    [Parameter("Prometheus /metrics of the API under test, scraped before and after")] readonly Uri MetricsUrl;
    [Parameter("Total requests (overrides the scenario; AC3.1 needs >= 300)", Minimum = 1)] readonly int? Requests;
    [Parameter("Concurrent workers / k6 VUs (overrides the scenario)", Minimum = 1)] readonly int? Concurrency;
    [Parameter("Allow fewer than 300 requests (not AC3.1 evidence)")] readonly bool AllowSmallRun;
    [Parameter("Bearer token for the API under test")] [Secret] readonly string Token;
    [Parameter("HS256 secret to mint a short-lived test JWT")] [Secret] readonly string JwtSecret;
    [Parameter("Role claim of the minted JWT (admin, student, ...)")] readonly string JwtRole = "admin";
    [Parameter("Path to the k6 executable (default: k6 on PATH)")] readonly AbsolutePath K6Path;
    [Parameter("Run one shard of the P95 run on this machine: i/N (k6 execution segment (i-1)/N:i/N); give every shard the same --run-id")] readonly string Shard;

    Target RunP95 => _ => _
        .Description("Measures P95 latency with k6 or the built-in engine (AC3.1); writes k6 NDJSON, summary and server metrics")
        .Produces(EvidenceGlobs(EvidenceNames.P95K6, EvidenceNames.P95K6Summary, EvidenceNames.P95ServerMetricsBefore, EvidenceNames.P95ServerMetricsAfter))
        .OnlyWhenStatic(() => Results is null) // Summarize --results FILE summarises given files instead
        .Executes(() => Run(P95Run.RunAsync(new P95RunSettings(Scenario ?? RootDirectory / "scripts/perf/p95.scenario.json", RootDirectory / "scripts/perf/p95_local_test.js")
        {
            Engine = Engine, BaseUrl = BaseUrl, MetricsUrl = MetricsUrl, Requests = Requests, Concurrency = Concurrency, AllowSmallRun = AllowSmallRun,
            Token = Token, JwtSecret = JwtSecret, JwtRole = JwtRole, K6Path = K6Path?.ToString(), Shard = ExecutionShard.Parse(Shard, "--shard") ?? ExecutionShard.Whole,
        }, Context)));

    [Parameter("k6 results to summarise instead of running RunP95: NDJSON files (.gz ok; several = shards of one run) or one summary export")]
    readonly AbsolutePath[] Results; // null: not given (RunP95 runs first); empty: a bare --results, refused
    [Parameter("Skip malformed result lines (counted in the report) instead of failing")] readonly bool Lenient;
    [Parameter("Server-side P95 typed from the Supabase dashboard, ms: chat=1070,sync-jobs=820")] readonly string DashboardP95;
    [Parameter("Prometheus server for the server-side P95 (HTTP query API)")] readonly Uri PrometheusUrl;
    [Parameter("PromQL returning one P95 (seconds) per endpoint label (default: histogram_quantile over the API histogram)")] readonly string Promql;
    [Parameter("Histogram the API exposes (snapshots and default PromQL)")] readonly string DashboardMetric = DashboardSettings.DefaultHistogramMetric;
    [Parameter("Largest accepted |script - dashboard| / dashboard P95 (0.10 = 10 %)", Minimum = 0)] readonly double MaxDelta = SummarizeSettings.DefaultMaxDelta;
    [Parameter("Fail Summarize when the dashboard delta is over --max-delta (CI)")] readonly bool FailOnDelta;
    [Parameter("Extra thresholds: metric=expression;... e.g. http_req_duration{name:chat}=p(95)<1000")] readonly string[] Thresholds = [];

    Target Summarize => _ => _
        .Description("Summarises k6 results: exact P95 per endpoint, thresholds, dashboard delta, report and chart (AC3.1-AC3.3)")
        .DependsOn(RunP95)
        .AssuredAfterFailure() // crossed thresholds fail RunP95; the report is what explains them
        .Produces(EvidenceGlobs(EvidenceNames.MetricsP95Markdown, EvidenceNames.MetricsP95Json, EvidenceNames.P95DashboardChart, EvidenceNames.P95DeltaAction))
        .Executes(() => Run(P95Summarizer.RunAsync(new SummarizeSettings
        {
            Results = Results?.Select(r => (string)r).ToArray(), Lenient = Lenient, MaxDelta = MaxDelta, FailOnDelta = FailOnDelta, Thresholds = Thresholds,
            ScenarioFile = Scenario ?? RootDirectory / "scripts" / "perf" / "p95.scenario.json",
            Dashboard = new DashboardSettings { ManualP95 = DashboardP95, PrometheusUrl = PrometheusUrl, PromQL = Promql, HistogramMetric = DashboardMetric },
            TargetUrl = Results is not null ? null : BaseUrl is null ? "reference API on loopback (started by RunP95)" : UrlCredentials.Mask(BaseUrl.ToString()),
            StepSummaryPath = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"),
        }, Context)));
}
