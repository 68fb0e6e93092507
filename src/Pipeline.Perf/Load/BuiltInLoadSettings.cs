using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>Settings of one built-in engine run.</summary>
public sealed record BuiltInLoadSettings(LoadScenario Scenario, LoadTarget Target)
{
    public static readonly TimeSpan DefaultReachabilityTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the pre-run TCP check waits for the base URL.</summary>
    public TimeSpan ReachabilityTimeout { get; init; } = DefaultReachabilityTimeout;

    /// <summary>Called from a background task every <see cref="ProgressInterval"/> and once at the end.</summary>
    public Action<LoadProgress>? OnProgress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = DefaultProgressInterval;
}
