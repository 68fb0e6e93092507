namespace Pipeline.Perf.Statistics;

/// <summary>
/// The latency values of one series in one growable array: eight bytes per sample and nothing else, the
/// least an exact percentile needs. Sorted in place when statistics are asked for.
/// </summary>
internal sealed class LatencyBuffer
{
    // Small, so that thousands of rarely called endpoints cost little; a busy one doubles its way up.
    private const int InitialCapacity = 16;
    private double[] _values = [];
    private bool _sorted = true;

    public int Count { get; private set; }

    public double this[int index] => index < Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(double value)
    {
        if (Count == _values.Length)
            Array.Resize(ref _values, Math.Max(InitialCapacity, checked(_values.Length * 2)));
        if (Count > 0 && value < _values[Count - 1]) _sorted = false;
        _values[Count++] = value;
    }

    /// <summary>Appends every value of <paramref name="other"/>.</summary>
    public void AddFrom(LatencyBuffer other)
    {
        for (var i = 0; i < other.Count; i++) Add(other._values[i]);
    }

    /// <summary>The values sorted ascending (sorted in place once; later adds re-sort).</summary>
    public ReadOnlySpan<double> Sorted()
    {
        if (!_sorted)
        {
            _values.AsSpan(0, Count).Sort();
            _sorted = true;
        }
        return _values.AsSpan(0, Count);
    }

    /// <summary>The values sorted ascending, as an array segment (no copy) for code that cannot hold a span.</summary>
    public ArraySegment<double> SortedArray()
    {
        Sorted();
        return new ArraySegment<double>(_values, 0, Count);
    }

}
