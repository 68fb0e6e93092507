namespace Pipeline.Perf.Load;

/// <summary>A fixed-size block of samples owned by one worker until full, then handed to the NDJSON writer.</summary>
internal sealed class SampleBlock(int capacity = SampleBlock.DefaultCapacity)
{
    public const int DefaultCapacity = 2048;

    public RequestSample[] Items { get; } = new RequestSample[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == Items.Length;

    public void Add(in RequestSample sample) => Items[Count++] = sample;

    public ReadOnlySpan<RequestSample> Samples => Items.AsSpan(0, Count);
}
