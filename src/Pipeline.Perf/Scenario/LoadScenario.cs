using Pipeline.Perf.Load;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Scenario;

/// <summary>
/// A load scenario, the single source for both engines (scripts/perf/p95.scenario.json is read by the
/// built-in engine and by scripts/perf/p95_local_test.js under k6).
/// </summary>
public sealed record LoadScenario(string Name, IReadOnlyList<ScenarioEndpoint> Endpoints)
{
    /// <summary>AC3.1 asks for at least this many requests.</summary>
    public const int MinimumRequests = 300;

    public const int DefaultRequests = 300;
    public const int DefaultConcurrency = 10;

    /// <summary>
    /// The most requests one run may make, from the scenario file or the command line alike: the run keeps every
    /// sample in memory for exact percentiles (32 bytes each) and the request mix holds one byte per request.
    /// </summary>
    public const int MaxRequests = 10_000_000;

    /// <summary>The most workers (k6 VUs): each holds a connection, a read buffer and a sample block (about 80 KB).</summary>
    public const int MaxConcurrency = 10_000;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    public LoadModel Model { get; init; } = LoadModel.Closed;

    /// <summary>Total requests (closed and open models). Ignored when <see cref="Duration"/> is set.</summary>
    public int Requests { get; init; } = DefaultRequests;

    /// <summary>Workers (k6 VUs): the most requests in flight at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Open model only: requests started per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Run for this long instead of a fixed request count (k6 <c>constant-vus</c> / arrival rate for a duration); used by benchmarks.</summary>
    public TimeSpan? Duration { get; init; }

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>k6's default <c>maxRedirects</c>: redirects followed per request before it ends as an error.</summary>
    public const int DefaultMaxRedirects = 10;

    /// <summary>Redirects followed per request, as k6's <c>maxRedirects</c> (0 = none: a 3xx is the answer).</summary>
    public int MaxRedirects { get; init; } = DefaultMaxRedirects;

    /// <summary>Thresholds on whole metrics or submetrics, keyed like k6's <c>options.thresholds</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Thresholds { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Every threshold of the scenario, endpoint ones included, keyed by the metric they apply to.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AllThresholds()
    {
        var all = Thresholds.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        foreach (var endpoint in Endpoints.Where(e => e.Thresholds.Count > 0))
        {
            if (!all.TryGetValue(endpoint.DurationMetric, out var list)) all[endpoint.DurationMetric] = list = [];
            list.AddRange(endpoint.Thresholds.Where(t => !list.Contains(t)));
        }
        return all.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Every threshold as a rule (metric, tag filter, aggregate, bound), in the order of <see cref="AllThresholds"/>.</summary>
    public IReadOnlyList<(ThresholdRule Rule, string Text)> ThresholdRules() =>
        AllThresholds().SelectMany(p => p.Value.Select(text => (ThresholdRule.Parse(p.Key, text), text))).ToList();

    /// <summary>The scenario with the command line's request count and concurrency, where given, within the same limits as the scenario file's.</summary>
    public LoadScenario WithRunSize(int? requests, int? concurrency)
    {
        if (requests is < 1)
            throw new ScenarioException($"'{requests}' is out of range: it must be at least 1 (AC3.1 needs {MinimumRequests}).") { Input = nameof(P95RunSettings.Requests) };
        if (requests is > MaxRequests)
            throw new ScenarioException($"'{requests}' is out of range: at most {MaxRequests:N0} requests per run (every sample is kept in memory for exact percentiles).")
                { Input = nameof(P95RunSettings.Requests) };
        if (concurrency is < 1)
            throw new ScenarioException($"'{concurrency}' is out of range: it must be at least 1.") { Input = nameof(P95RunSettings.Concurrency) };
        if (concurrency is > MaxConcurrency)
            throw new ScenarioException($"'{concurrency}' is out of range: at most {MaxConcurrency:N0} workers per run (each holds a connection and about 80 KB).")
                { Input = nameof(P95RunSettings.Concurrency) };
        return this with { Requests = requests ?? Requests, Concurrency = concurrency ?? Concurrency };
    }

    /// <summary>
    /// More workers than requests only hold memory (and k6's shared-iterations refuses more VUs than iterations):
    /// a run with a request count gets at most one worker per request. Timed runs keep their concurrency.
    /// </summary>
    public LoadScenario WithConcurrencyAtMostRequests() =>
        Duration is null && Concurrency > Requests ? this with { Concurrency = Requests } : this;

    /// <summary>
    /// Refuses runs below AC3.1's 300 requests unless the user asked for a small run on purpose. A
    /// duration-based scenario (benchmarks) has no count to check up front.
    /// </summary>
    public LoadScenario EnsureEnoughRequests(bool allowSmallRun)
    {
        if (Duration is null && Requests < MinimumRequests && !allowSmallRun)
            throw new ScenarioException(
                $"The scenario asks for {Requests} requests; AC3.1 needs at least {MinimumRequests} for a trustworthy P95. " +
                $"Raise 'requests' (or --requests) to {MinimumRequests}, or pass --allow-small-run for a quick try whose P95 is not evidence.");
        return this;
    }
}
