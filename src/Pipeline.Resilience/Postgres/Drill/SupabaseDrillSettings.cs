namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>What <c>DrillSupabase</c> runs: the connectivity test always, the downtime drill on request.</summary>
public sealed record SupabaseDrillSettings
{
    /// <summary>postgres:// URI or Npgsql connection string; null starts an embedded cluster.</summary>
    public string? DatabaseUrl { get; init; }

    public string? PgBin { get; init; }
    public bool SimulateDowntime { get; init; }
    public TimeSpan Downtime { get; init; } = DowntimeDrillSettings.DefaultDowntime;
    public TimeSpan MaxRecovery { get; init; } = DowntimeDrillSettings.DefaultMaxRecovery;
    public int Samples { get; init; } = ConnectivityTestSettings.DefaultSamples;
}
