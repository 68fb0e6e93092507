using System.Security.Cryptography;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Tools;
using Pipeline.LocalBackends;
using Pipeline.Perf.Scenario;
using Serilog;
using Spectre.Console;

namespace Pipeline.Perf.Load;

/// <summary>
/// RunP95 (AC3.1): loads the scenario, picks the engine (k6 when installed, else the built-in one), starts
/// the reference API unless a base URL is given, snapshots the server's metrics before and after, runs
/// the load and writes <c>reports/p95_k6_YYYYMMDD.json</c> (k6 NDJSON), its summary export and the two
/// <c>.prom</c> snapshots. Everything started is stopped on the way out, on failure and on Ctrl-C too.
/// </summary>
public static class P95Run
{
    public static async Task<P95RunResult> RunAsync(P95RunSettings settings, RunContext context)
    {
        var (evidence, tools, log, cancellationToken) = (context.Evidence, context.Tools, context.Log, context.CancellationToken);
        // The build registers [Secret] parameters already; a library caller may not have.
        evidence.Redactor.Register(settings.Token);
        evidence.Redactor.Register(settings.JwtSecret);
        var asked = ScenarioFile.Load(settings.ScenarioPath)
            .WithRunSize(settings.Requests, settings.Concurrency)
            .EnsureEnoughRequests(settings.AllowSmallRun);
        var scenario = asked.WithConcurrencyAtMostRequests();
        if (scenario.Concurrency != asked.Concurrency)
            log.Information("Concurrency {Asked} is more than the {Requests} requests; using {Used} workers (the others would never send a request)",
                asked.Concurrency, scenario.Requests, scenario.Concurrency);
        settings.Shard.EnsureFits(scenario);
        var token = TokenFor(settings, evidence);
        var (engine, k6) = ChooseEngine(settings, scenario, log);

        await using var stack = new AsyncStack();
        Uri baseUrl;
        var metricsUrl = settings.MetricsUrl;
        if (settings.BaseUrl is { } given)
        {
            await LoadTargetProbe.EnsureReachableAsync(given, BuiltInLoadSettings.DefaultReachabilityTimeout, isReferenceApi: false, cancellationToken);
            baseUrl = given;
        }
        else
        {
            (baseUrl, metricsUrl, token) = await StartReferenceApiAsync(settings, stack, token, context);
        }

        var target = new LoadTarget(baseUrl, token);
        var paths = metricsUrl is null
            ? evidence.Reserve(EvidenceNames.P95K6.Template, EvidenceNames.P95K6Summary.Template)
            : evidence.Reserve(EvidenceNames.P95K6.Template, EvidenceNames.P95K6Summary.Template, EvidenceNames.P95ServerMetricsBefore.Template, EvidenceNames.P95ServerMetricsAfter.Template);
        // Both snapshots are written at the end, so an aborted or failed run leaves no lone "before".
        var before = metricsUrl is null ? null : await MetricsScraper.ScrapeAsync(metricsUrl, cancellationToken: cancellationToken);

        log.Information("Running {Requests:l} requests ({Model:l}, concurrency {Concurrency}) against {BaseUrl:l} with the {Engine:l} engine",
            scenario.Duration is { } d ? $"{d.TotalSeconds:0} s of" : scenario.Requests.ToString(), scenario.Model.ToString().ToLowerInvariant(),
            scenario.Concurrency, UrlCredentials.Mask(baseUrl.ToString()), engine);
        if (!settings.Shard.IsWhole)
            log.Information("Shard {Shard:l} (k6 execution segment {Segment:l}): {ShardRequests:l} requests and {ShardWorkers} workers of this run {RunId:l}; " +
                            "run the other shards with the same --run-id and summarise all NDJSON files together",
                settings.Shard.ToString(), settings.Shard.Segment, scenario.Duration is null ? settings.Shard.Scale(scenario.Requests).ToString() : "its share of the",
                settings.Shard.Scale(scenario.Concurrency), evidence.RunId);

        K6SummaryExport summary;
        bool crossed;
        if (engine == "k6")
        {
            var outcome = await K6LoadEngine.RunAsync(new K6RunSettings(k6!, settings.K6ScriptPath, settings.ScenarioPath, scenario, target, paths[0], paths[1])
            {
                WorkingDirectory = evidence.Root, Shard = settings.Shard, RunId = evidence.RunId,
            }, tools, cancellationToken);
            summary = outcome.Summary;
            crossed = outcome.ThresholdsCrossed;
            engine = outcome.Version is { } v ? $"k6 ({v})" : "k6";
        }
        else
        {
            BuiltInRunOutcome? outcome = null;
            await evidence.WriteStreamAsync(paths[0], async stream =>
                outcome = await WithProgressAsync(settings, context, progress =>
                    BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, target)
                    {
                        OnProgress = progress, Shard = settings.Shard, RunId = evidence.RunId, TargetIsReferenceApi = settings.BaseUrl is null,
                    }, stream, cancellationToken)));
            summary = outcome!.Summary;
            evidence.WriteTextTo(paths[1], summary.ToJson());
            crossed = summary.Thresholds().Any(t => t.Passed != true);
            log.Information("Built-in engine: {Requests} requests, {Failed} failed, {Dropped} dropped in {Seconds:0.0} s; {Lines} NDJSON lines",
                outcome.Requests, outcome.Failed, outcome.Dropped, outcome.Elapsed.TotalSeconds, outcome.NdjsonLines);
        }

        string? beforePath = null, afterPath = null;
        if (metricsUrl is not null)
        {
            try
            {
                var after = await MetricsScraper.ScrapeAsync(metricsUrl, cancellationToken: cancellationToken);
                beforePath = evidence.WriteTextTo(paths[2], before!);
                afterPath = evidence.WriteTextTo(paths[3], after);
            }
            catch (MetricsScrapeException exception)
            {
                // The load results are complete and written; a server that died during the run only costs the snapshots.
                log.Warning("No server metrics snapshots: the after-run scrape failed ({Message})", exception.Message);
                evidence.Release(paths[2]);
                evidence.Release(paths[3]);
            }
        }

        var result = new P95RunResult(engine, baseUrl, scenario, summary, paths[0], paths[1], beforePath, afterPath)
        {
            Shard = settings.Shard, ThresholdsCrossed = crossed, ShownNdjsonPath = evidence.Relative(paths[0]),
        };
        foreach (var threshold in summary.Thresholds()) log.Information("Threshold {Threshold:l}", K6SummaryExport.Describe(threshold));
        log.Information("{Headline:l}; wrote {Ndjson:l} and {Summary:l}", result.Headline, evidence.Relative(paths[0]), evidence.Relative(paths[1]));
        return result;
    }

    private static string? TokenFor(P95RunSettings settings, EvidenceStore evidence)
    {
        if (!string.IsNullOrEmpty(settings.Token)) return settings.Token;
        if (string.IsNullOrEmpty(settings.JwtSecret)) return null;
        var jwt = TestJwt.Mint(settings.JwtSecret, settings.JwtRole);
        evidence.Redactor.Register(jwt); // registered before anything can log it
        return jwt;
    }

    private static (string Engine, string? K6) ChooseEngine(P95RunSettings settings, LoadScenario scenario, ILogger log)
    {
        switch (settings.Engine)
        {
            case LoadEngineChoice.K6:
                return ("k6", ToolLocator.Require("k6", K6LoadEngine.InstallHint, settings.K6Path));
            case LoadEngineChoice.Auto when settings.K6Path is not null:
                return ("k6", ToolLocator.Require("k6", K6LoadEngine.InstallHint, settings.K6Path));
            case LoadEngineChoice.Auto when ToolLocator.Find("k6") is { } k6:
                return ("k6", k6);
            default:
                if (settings.Engine == LoadEngineChoice.Auto)
                    log.Information("k6 is not on PATH; using the built-in engine (same NDJSON and summary format). Install k6 or pass --k6-path to use it.");
                SampleSummary.EnsureSupported(scenario);
                return ("builtin", null);
        }
    }

    private static async Task<(Uri BaseUrl, Uri MetricsUrl, string Token)> StartReferenceApiAsync(P95RunSettings settings, AsyncStack stack,
        string? token, RunContext context)
    {
        var (evidence, log, cancellationToken) = (context.Evidence, context.Log, context.CancellationToken);
        // The reference API checks a bearer token; without one from the user, a random one for this run.
        if (token is null)
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            evidence.Redactor.Register(token);
        }
        log.Information("No --base-url: starting the reference API (PostgreSQL + OpenAI stub) on loopback");
        // An embedded PostgreSQL cluster (in the run's scratch folder) and the OpenAI stub, unless a test gives its own.
        var startBackends = settings.StartLocalBackends ?? LocalBackendSet.Embedded(context.TemporaryDirectory);
        var backends = stack.Push(await startBackends(log, cancellationToken));
        evidence.Redactor.Register(backends.OpenAIKey);
        var launch = new ReferenceApiLaunch(backends.DatabaseUrl, backends.OpenAIBaseUrl, backends.OpenAIKey, token);
        var api = stack.Push(await ReferenceApiProcess.StartAsync(launch, context.Tools, log, cancellationToken));
        // Derived through the same check as every request: the snapshots come from the API's own origin.
        return (api.BaseUri, new LoadTarget(api.BaseUri).UriFor("/metrics"), token);
    }

    private static async Task<T> WithProgressAsync<T>(P95RunSettings settings, RunContext context, Func<Action<LoadProgress>?, Task<T>> run)
    {
        if (!settings.ShowProgress) return await run(null);
        if (!context.Console.Profile.Capabilities.Interactive)
        {
            // No live display in CI logs: a progress line every few seconds instead.
            var next = TimeSpan.Zero;
            return await run(progress =>
            {
                if (progress.Elapsed < next) return;
                next = progress.Elapsed + TimeSpan.FromSeconds(5);
                context.Log.Information("{Completed} requests, {Rate:0} req/s, {Failed} failed, {Dropped} dropped",
                    progress.Completed, progress.RequestsPerSecond, progress.Failed, progress.Dropped);
            });
        }
        T result = default!;
        await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async display =>
            {
                var task = display.AddTask("requests", maxValue: 1);
                result = await run(progress =>
                {
                    task.Value = progress.Fraction;
                    task.Description = $"{progress.Completed} requests, {progress.RequestsPerSecond:0} req/s, {progress.Failed} failed" +
                                       (progress.Dropped > 0 ? $", {progress.Dropped} dropped" : string.Empty);
                });
                task.Value = 1;
            });
        return result;
    }

    /// <summary>Disposes what was started, last first, whatever happens.</summary>
    private sealed class AsyncStack : IAsyncDisposable
    {
        private readonly Stack<IAsyncDisposable> _items = new();

        public T Push<T>(T item) where T : IAsyncDisposable
        {
            _items.Push(item);
            return item;
        }

        public async ValueTask DisposeAsync()
        {
            while (_items.TryPop(out var item))
            {
                try { await item.DisposeAsync(); }
                catch (Exception) { /* stopping must go on for the rest */ }
            }
        }
    }
}
