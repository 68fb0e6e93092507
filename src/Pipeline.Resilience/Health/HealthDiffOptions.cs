namespace Pipeline.Resilience.Health;

/// <summary>
/// When a latency change counts: both beyond <see cref="LatencyChangePercent"/> and beyond
/// <see cref="LatencyChangeFloor"/> (sub-millisecond loopback figures jump by large percentages on noise).
/// </summary>
public sealed record HealthDiffOptions
{
    public const double DefaultLatencyChangePercent = 50;
    public static readonly TimeSpan DefaultLatencyChangeFloor = TimeSpan.FromMilliseconds(5);

    public double LatencyChangePercent { get; init; } = DefaultLatencyChangePercent;
    public TimeSpan LatencyChangeFloor { get; init; } = DefaultLatencyChangeFloor;
}
