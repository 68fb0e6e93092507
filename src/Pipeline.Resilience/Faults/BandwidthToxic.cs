namespace Pipeline.Resilience.Faults;

/// <summary>Limits the throughput of each connection to <see cref="BytesPerSecond"/>.</summary>
internal sealed record BandwidthToxic(long BytesPerSecond) : Toxic
{
    public override string Type => "bandwidth";
}
