using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>
/// One k6 run of scripts/perf/p95_local_test.js. The scenario file is passed to the script (SCENARIO_FILE),
/// together with BASE_URL, TOKEN and the command line's REQUESTS/CONCURRENCY, as environment variables so
/// the token never appears on a command line.
/// </summary>
internal sealed record K6RunSettings(string K6Executable, string ScriptPath, string ScenarioPath, LoadScenario Scenario, LoadTarget Target,
    string NdjsonPath, string SummaryPath)
{
    /// <summary>k6's exit code when thresholds are crossed: a verdict, not a crash.</summary>
    public const int ThresholdsCrossedExitCode = 99;

    /// <summary>Kill k6 after this long; null derives it from the scenario (its worst case plus a margin).</summary>
    public TimeSpan? Timeout { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>The part of the run this k6 sends: passed as k6's own <c>--execution-segment</c> and <c>--execution-segment-sequence</c>.</summary>
    public ExecutionShard Shard { get; init; } = ExecutionShard.Whole;

    /// <summary>The evidence run: <c>--tag run_id=…</c> on every point.</summary>
    public string? RunId { get; init; }

    public TimeSpan EffectiveTimeout => Timeout ?? (Scenario.Duration is { } d
        ? d + Scenario.RequestTimeout + TimeSpan.FromMinutes(2)
        : TimeSpan.FromMinutes(35)); // the script's shared-iterations maxDuration is 30m
}
