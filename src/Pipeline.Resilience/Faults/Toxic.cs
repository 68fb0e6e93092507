namespace Pipeline.Resilience.Faults;

/// <summary>
/// A network fault applied by <see cref="FaultProxy"/> to the data flowing in one direction, modelled on
/// Toxiproxy's toxics. Toxics can be added and removed while connections are open; each chunk of data
/// passes through the toxics active at the moment it arrives.
/// </summary>
internal abstract record Toxic
{
    /// <summary>Toxiproxy's type name (latency, reset_peer...); the default name of the toxic.</summary>
    public abstract string Type { get; }

    private readonly string? _name;

    /// <summary>Identifies the toxic for <see cref="FaultProxy.RemoveToxic"/>; two toxics of one type need different names.</summary>
    public string Name
    {
        get => _name ?? $"{Type}_{Stream.ToString().ToLowerInvariant()}";
        init => _name = value;
    }

    public ToxicStream Stream { get; init; } = ToxicStream.Downstream;
}
