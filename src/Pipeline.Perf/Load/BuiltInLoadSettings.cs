using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>Settings of one built-in engine run.</summary>
internal sealed record BuiltInLoadSettings(LoadScenario Scenario, LoadTarget Target)
{
    public static readonly TimeSpan DefaultReachabilityTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Same as the k6 script's shared-iterations <c>maxDuration</c>: no new request starts after this.</summary>
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(30);

    /// <summary>How long the pre-run TCP check waits for the base URL.</summary>
    public TimeSpan ReachabilityTimeout { get; init; } = DefaultReachabilityTimeout;

    /// <summary>Called from a background task every <see cref="ProgressInterval"/> and once at the end.</summary>
    public Action<LoadProgress>? OnProgress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = DefaultProgressInterval;

    /// <summary>The part of the run this engine sends (<c>--shard i/N</c>); the whole run by default.</summary>
    public ExecutionShard Shard { get; init; } = ExecutionShard.Whole;

    /// <summary>The evidence run this load belongs to: tagged <c>run_id</c> on every point (shards of one run share it).</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// The target is the reference API this run started (not a URL the user gave): a failed reachability check then
    /// says that API stopped answering, and names no setting.
    /// </summary>
    public bool TargetIsReferenceApi { get; init; }

    /// <summary>Stop starting requests after this long, whatever is left (in-flight ones still end at their timeout).</summary>
    public TimeSpan MaxDuration { get; init; } = DefaultMaxDuration;
}
