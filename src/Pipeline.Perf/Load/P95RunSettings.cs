using Pipeline.LocalBackends;
using Serilog;

namespace Pipeline.Perf.Load;

/// <summary>
/// Everything RunP95 needs. With no <see cref="BaseUrl"/> the run targets the reference API, started with an
/// embedded PostgreSQL cluster (in the run context's scratch folder) and the OpenAI stub; with a
/// <see cref="BaseUrl"/>, the user's API, and <see cref="MetricsUrl"/> (if given) is scraped.
/// </summary>
public sealed record P95RunSettings(string ScenarioPath, string K6ScriptPath)
{
    public const string DefaultJwtRole = "admin";

    public LoadEngineChoice Engine { get; init; } = LoadEngineChoice.Auto;
    public Uri? BaseUrl { get; init; }
    public Uri? MetricsUrl { get; init; }
    public int? Requests { get; init; }
    public int? Concurrency { get; init; }
    public bool AllowSmallRun { get; init; }

    /// <summary>Run only this shard of the scenario (<c>--shard i/N</c>); Summarize merges the shards' NDJSON.</summary>
    public ExecutionShard Shard { get; init; } = ExecutionShard.Whole;

    /// <summary>Bearer token sent as is; wins over <see cref="JwtSecret"/>.</summary>
    public string? Token { get; init; }

    /// <summary>HS256 secret to mint a short-lived test JWT with <see cref="JwtRole"/>.</summary>
    public string? JwtSecret { get; init; }

    public string JwtRole { get; init; } = DefaultJwtRole;
    public string? K6Path { get; init; }

    /// <summary>Starts the reference API's PostgreSQL and OpenAI endpoints (only used without <see cref="BaseUrl"/>);
    /// null: <see cref="LocalBackendSet.Embedded"/> in the context's scratch folder. Tests give backends they share.</summary>
    internal Func<ILogger, CancellationToken, Task<LocalBackendSet>>? StartLocalBackends { get; init; }


    /// <summary>Show a live progress bar (Spectre.Console); off in tests and CI logs.</summary>
    public bool ShowProgress { get; init; } = true;
}
