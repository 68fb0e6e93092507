namespace Pipeline.Perf.Dashboard;

/// <summary>The server-side P95 per endpoint in milliseconds, with where it came from.</summary>
public sealed record DashboardReading(DashboardSource Source, string Description, IReadOnlyDictionary<string, double> P95Ms)
{
    /// <summary>For snapshots: the bucket each P95 fell in (ms), which bounds its resolution.</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Buckets { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Observations per endpoint counted by the server (snapshots only).</summary>
    public IReadOnlyDictionary<string, double> Observations { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<string> Notes { get; init; } = [];
}
