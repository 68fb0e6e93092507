using Pipeline.Resilience.Faults;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>Every reply is delayed by <paramref name="latency"/> plus or minus <paramref name="jitter"/> for <paramref name="duration"/>.</summary>
internal sealed class LatencySpikeFault(TimeSpan latency, TimeSpan jitter, TimeSpan duration) : IDowntimeFault
{
    public string Name => "latency";

    public string Description =>
        $"latency spike of {latency.TotalMilliseconds:0} ms +/- {jitter.TotalMilliseconds:0} ms per reply for {DowntimeDrill.Seconds(duration)}";

    public string? SkipReason => null;

    public async Task InjectAsync(DowntimeFaultContext context, CancellationToken cancellationToken)
    {
        using (context.Proxy.With(new LatencyToxic(latency, jitter)))
            await context.DelayAsync(duration, cancellationToken);
    }
}
