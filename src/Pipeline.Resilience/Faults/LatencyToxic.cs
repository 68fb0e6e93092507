namespace Pipeline.Resilience.Faults;

/// <summary>Delays every chunk by <see cref="Latency"/> plus or minus a random <see cref="Jitter"/>; order is kept.</summary>
internal sealed record LatencyToxic(TimeSpan Latency, TimeSpan Jitter = default) : Toxic
{
    public override string Type => "latency";
}
