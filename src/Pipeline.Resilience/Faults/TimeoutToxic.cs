namespace Pipeline.Resilience.Faults;

/// <summary>
/// Swallows all data (a black hole); with a non-zero <see cref="Timeout"/> the connection is closed that long
/// after the first swallowed chunk, with zero it stays open and silent until the toxic is removed.
/// </summary>
internal sealed record TimeoutToxic(TimeSpan Timeout = default) : Toxic
{
    public override string Type => "timeout";
}
