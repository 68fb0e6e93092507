namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>The endpoint goes down for <paramref name="downtime"/>: the proxy refuses new connections and closes open ones.</summary>
internal sealed class EndpointDownFault(TimeSpan downtime) : IDowntimeFault
{
    public string Name => "down";

    public string Description => $"endpoint down for {DowntimeDrill.Seconds(downtime)} (new connections refused, open ones closed)";

    public string? SkipReason => null;

    public async Task InjectAsync(DowntimeFaultContext context, CancellationToken cancellationToken)
    {
        context.Proxy.Down();
        await context.DelayAsync(downtime, cancellationToken);
        context.Proxy.Up();
    }
}
