namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// How the downtime drill runs. <see cref="ConnectionString"/> addresses the real server; the drill puts
/// its fault proxy in front of it. The defaults keep a run short (about half a minute).
/// </summary>
public sealed record DowntimeDrillSettings(string ConnectionString)
{
    public static readonly TimeSpan DefaultDowntime = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultMaxRecovery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultQueryInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultLatencySpike = TimeSpan.FromMilliseconds(800);
    public static readonly TimeSpan DefaultLatencySpikeJitter = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultLatencySpikeDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultResetPeerWindow = TimeSpan.FromSeconds(5);
    public const int DefaultWorkers = 2;

    /// <summary>How long the endpoint stays down (the proxy refuses and cuts connections).</summary>
    public TimeSpan Downtime { get; init; } = DefaultDowntime;

    /// <summary>The longest acceptable time from a fault's end to the first successful query; longer fails the drill.</summary>
    public TimeSpan MaxRecovery { get; init; } = DefaultMaxRecovery;

    /// <summary>Pause between two numbered queries of one worker (the steady workload).</summary>
    public TimeSpan QueryInterval { get; init; } = DefaultQueryInterval;

    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>Quiet time before the first fault (the baseline) and after each recovery.</summary>
    public TimeSpan SettleTime { get; init; } = DefaultSettleTime;

    public TimeSpan LatencySpike { get; init; } = DefaultLatencySpike;
    public TimeSpan LatencySpikeJitter { get; init; } = DefaultLatencySpikeJitter;
    public TimeSpan LatencySpikeDuration { get; init; } = DefaultLatencySpikeDuration;

    /// <summary>How long reset_peer stays armed waiting for a query to cut.</summary>
    public TimeSpan ResetPeerWindow { get; init; } = DefaultResetPeerWindow;

    public PostgresRetryOptions Retry { get; init; } = new();

    /// <summary>Restarts the real server (pg_ctl stop -m fast, start); null skips that fault (an external server).</summary>
    public Func<CancellationToken, Task>? RestartServer { get; init; }

    /// <summary>Live counts for a progress display.</summary>
    public IProgress<DowntimeDrillProgress>? Progress { get; init; }

    public string Source { get; init; } = "--database-url";

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
