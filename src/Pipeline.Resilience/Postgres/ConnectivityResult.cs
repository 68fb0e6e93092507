namespace Pipeline.Resilience.Postgres;

/// <summary>Everything the connectivity test measured; <see cref="Failure"/> is null when the database is healthy.</summary>
public sealed record ConnectivityResult
{
    public required string Endpoint { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<ConnectivityStep> Steps { get; init; }
    public ConnectivityFailure? Failure { get; init; }
    public IReadOnlyList<string> ResolvedAddresses { get; init; } = [];
    public TimeSpan? DnsTime { get; init; }
    public TimeSpan? TcpConnectTime { get; init; }
    public TimeSpan? LoginTime { get; init; }
    public bool? TlsUsed { get; init; }
    public IReadOnlyList<TimeSpan> SelectLatencies { get; init; } = [];
    public LatencySummary? Latency { get; init; }
    public string? ServerVersion { get; init; }
    public SupabasePoolerMode Pooler { get; init; }
    public IReadOnlyList<ExtensionStatus> Extensions { get; init; } = [];

    public bool Healthy => Failure is null;
}
