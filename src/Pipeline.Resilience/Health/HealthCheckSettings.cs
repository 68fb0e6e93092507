using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Health;

/// <summary>What <c>HealthCheck</c> checks and how long it keeps history.</summary>
public sealed record HealthCheckSettings
{
    public const int DefaultRetentionDays = 30;

    /// <summary>postgres:// URI or Npgsql connection string; null checks an embedded cluster (a smoke test of the machinery).</summary>
    public string? DatabaseUrl { get; init; }

    public string? PgBin { get; init; }
    public int RetentionDays { get; init; } = DefaultRetentionDays;
    public int Samples { get; init; } = ConnectivityTestSettings.DefaultSamples;
    public HealthDiffOptions Diff { get; init; } = new();
}
