namespace Pipeline.Resilience.Faults;

/// <summary>Closes a connection once <see cref="Bytes"/> have passed in the toxic's direction since the toxic was added.</summary>
internal sealed record LimitDataToxic(long Bytes) : Toxic
{
    public override string Type => "limit_data";
}
