using Pipeline.Targets;

// Latency evidence: RunP95 (AC3.1) and Summarize (AC3.1-AC3.3).
partial class Build
{
    // ---- RunP95 ---------------------------------------------------------------------------------
    [Parameter("Load scenario file (default: scripts/perf/p95.scenario.json)")] readonly AbsolutePath Scenario;
    [Parameter("Load engine: auto (k6 when installed), k6 or builtin")] readonly Pipeline.Perf.Load.LoadEngineChoice Engine = Pipeline.Perf.Load.LoadEngineChoice.Auto;
    [Parameter("API under test (default: start the reference API on loopback)")] readonly string BaseUrl;
    [Parameter("Prometheus /metrics of the API under test, scraped before and after")] readonly string MetricsUrl;
    [Parameter("Total requests (overrides the scenario; AC3.1 needs >= 300)")] readonly int? Requests;
    [Parameter("Concurrent workers / k6 VUs (overrides the scenario)")] readonly int? Concurrency;
    [Parameter("Allow fewer than 300 requests (not AC3.1 evidence)")] readonly bool AllowSmallRun;
    [Parameter("Bearer token for the API under test")] [Secret] readonly string Token;
    [Parameter("HS256 secret to mint a short-lived test JWT")] [Secret] readonly string JwtSecret;
    [Parameter("Role claim of the minted JWT (admin, student, ...)")] readonly string JwtRole = "admin";
    [Parameter("Path to the k6 executable (default: k6 on PATH)")] readonly AbsolutePath K6Path;

    Target RunP95 => _ => _
        .Description("Measures P95 latency with k6 or the built-in engine (AC3.1); writes k6 NDJSON, summary and server metrics")
        .Produces(ReportsDirectory / "p95_k6_*.json", ReportsDirectory / "p95-server-metrics-*.prom")
        .Executes(async () =>
        {
            var result = await Pipeline.Perf.Load.P95Run.RunAsync(new(Scenario ?? RootDirectory / "scripts/perf/p95.scenario.json",
                RootDirectory / "scripts/perf/p95_local_test.js")
            {
                Engine = Engine, BaseUrl = Pipeline.Perf.Load.P95RunSettings.ParseUrl(BaseUrl, "--base-url"),
                MetricsUrl = Pipeline.Perf.Load.P95RunSettings.ParseUrl(MetricsUrl, "--metrics-url"),
                Requests = Requests, Concurrency = Concurrency, AllowSmallRun = AllowSmallRun, Token = Token, JwtSecret = JwtSecret, JwtRole = JwtRole,
                K6Path = K6Path?.Value, StartLocalBackends = Pipeline.Perf.Load.LocalBackends.Embedded(TemporaryDirectory),
            }, Evidence, Tools, Log, CancellationToken);
            Note(result.Headline);
            if (result.ThresholdsCrossed) throw new TargetFailedException($"Thresholds crossed: {string.Join("; ", result.CrossedThresholds)}. The evidence is in {Evidence.Relative(result.NdjsonPath)}.");
        });
    // ---- end of RunP95 --------------------------------------------------------------------------







    // ---- Summarize ------------------------------------------------------------------------------



    // ---- end of Summarize -----------------------------------------------------------------------
}
