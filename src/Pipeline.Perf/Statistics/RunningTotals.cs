namespace Pipeline.Perf.Statistics;

/// <summary>
/// Count, sum, min and max of a series in arrival order. k6 sums in arrival order, so an average computed
/// the same way agrees with k6's summary to the last bit (a different order can move the last digit).
/// </summary>
internal sealed class RunningTotals
{
    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(double value)
    {
        Count++;
        Sum += value;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    /// <summary>Adds the totals of another series (min and max stay exact; the sum's order of additions differs).</summary>
    public void AddFrom(RunningTotals other)
    {
        Count += other.Count;
        Sum += other.Sum;
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }
}
