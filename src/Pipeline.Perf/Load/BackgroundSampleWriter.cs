using System.Threading.Channels;

namespace Pipeline.Perf.Load;

/// <summary>
/// Takes full sample blocks from the workers and writes them as NDJSON on its own task, so request loops
/// never wait for the disk; keeps every block for the summary.
/// </summary>
internal sealed class BackgroundSampleWriter
{
    private readonly Channel<SampleBlock> _blocks = Channel.CreateUnbounded<SampleBlock>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<SampleBlock> _written = [];
    private readonly K6NdjsonWriter _writer;
    private readonly Task _loop;

    public BackgroundSampleWriter(K6NdjsonWriter writer)
    {
        _writer = writer;
        _loop = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public long LinesWritten => _writer.LinesWritten;

    public void Post(SampleBlock block) => _blocks.Writer.TryWrite(block);

    /// <summary>Writes what is left, flushes, and returns every block written.</summary>
    public async Task<IReadOnlyList<SampleBlock>> CompleteAsync()
    {
        _blocks.Writer.TryComplete();
        await _loop;
        return _written;
    }

    private void WriteLoop()
    {
        var reader = _blocks.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var block))
            {
                foreach (ref readonly var sample in block.Samples) _writer.Write(sample);
                _written.Add(block);
            }
        }
        _writer.Flush();
    }
}
