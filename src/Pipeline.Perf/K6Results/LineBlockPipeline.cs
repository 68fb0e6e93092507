using System.Buffers;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Reads a stream of lines in blocks that end on a line break, parses the blocks on the thread pool and hands
/// the parsed blocks back in file order. Parsing (JSON) is most of the cost of reading a results file and is
/// independent per line; what the lines add up to is applied in order by the caller, so the outcome is exactly
/// that of a sequential read, on every core.
/// </summary>
internal static class LineBlockPipeline
{
    /// <param name="stream">The lines (plain or decompressed); read on the calling thread.</param>
    /// <param name="blockSize">Bytes per block (a longer line grows its block, up to <paramref name="maxLineBytes"/>).</param>
    /// <param name="maxLineBytes">The longest line held; a longer one is reported to <paramref name="overlongLine"/> and its bytes are discarded unread.</param>
    /// <param name="overlongLine">
    /// Called in file order (every earlier line applied) for a line longer than <paramref name="maxLineBytes"/>;
    /// it throws to stop, or returns to skip the line.
    /// </param>
    /// <param name="parse">Parses one block of whole lines (or the last line, when the stream ends without a line break). Runs on the thread pool, several at once.</param>
    /// <param name="consume">Applies a parsed block; called on the calling thread in file order.</param>
    /// <param name="afterRead">Told the bytes read so far after each block (for progress and size checks).</param>
    /// <param name="atEnd">
    /// Called when the stream has ended, once every complete line is applied and before a last line without its
    /// line break is: the place to check that the stream was whole (a gzip trailer), so a cut-off line is
    /// reported as a cut file, not as a malformed line.
    /// </param>
    public static void Run<TBlock>(Stream stream, int blockSize, int maxLineBytes, Func<ReadOnlyMemory<byte>, TBlock> parse, Action<TBlock> consume,
        Action overlongLine, Action<long>? afterRead = null, Action? atEnd = null, CancellationToken cancellationToken = default)
    {
        // Enough blocks in flight to keep every core parsing while the oldest is applied, few enough to bound memory.
        var maxInFlight = Math.Max(2, Environment.ProcessorCount * 2);
        var pending = new Queue<(Task<TBlock> Parse, byte[] Buffer)>();
        var carry = ArrayPool<byte>.Shared.Rent(blockSize);
        var carried = 0;
        long total = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var buffer = carry;
                var filled = carried;
                carry = null;
                var ended = false;
                try
                {
                    // Fill the block; a block without any line break grows until it holds one line.
                    while (true)
                    {
                        if (filled == buffer.Length)
                        {
                            if (buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') >= 0) break;
                            if (filled >= maxLineBytes)
                            {
                                // The block is one line (it starts at a line start) that is too long to hold.
                                Drain(pending, consume);
                                overlongLine();
                                filled = DiscardRestOfLine(stream, buffer, ref total, out ended);
                                if (ended) break;
                                continue;
                            }
                            Grow(ref buffer, filled);
                        }
                        var read = stream.Read(buffer, filled, buffer.Length - filled);
                        if (read == 0) { ended = true; break; }
                        filled += read;
                        total += read;
                    }
                }
                catch
                {
                    // Every whole line read before the failure is applied first (the queued blocks, then this
                    // one's), so an error found there wins and the failure's line number is right.
                    try
                    {
                        Drain(pending, consume);
                        var whole = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                        if (whole > 0) consume(parse(new ReadOnlyMemory<byte>(buffer, 0, whole)));
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    throw;
                }
                afterRead?.Invoke(total);

                // The block ends after its last line break; the rest starts the next block (or, at the end of
                // the stream, is the last line, applied after atEnd).
                var end = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                carried = filled - end;
                carry = ArrayPool<byte>.Shared.Rent(Math.Max(blockSize, carried * 2));
                buffer.AsSpan(end, carried).CopyTo(carry);

                if (end > 0)
                {
                    var block = new ReadOnlyMemory<byte>(buffer, 0, end);
                    pending.Enqueue((Task.Run(() => parse(block), cancellationToken), buffer));
                }
                else ArrayPool<byte>.Shared.Return(buffer);
                while (pending.Count >= maxInFlight) ConsumeOldest(pending, consume);
                if (ended) break;
            }
            Drain(pending, consume);
            atEnd?.Invoke();
            if (carried > 0) consume(parse(new ReadOnlyMemory<byte>(carry!, 0, carried)));
        }
        finally
        {
            if (carry is not null) ArrayPool<byte>.Shared.Return(carry);
            // After a failure, let the blocks still being parsed finish before their buffers go back to the pool.
            foreach (var (task, buffer) in pending)
            {
                try { task.Wait(CancellationToken.None); } catch (AggregateException) { /* the first failure is already on its way */ }
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void Drain<TBlock>(Queue<(Task<TBlock> Parse, byte[] Buffer)> pending, Action<TBlock> consume)
    {
        while (pending.Count > 0) ConsumeOldest(pending, consume);
    }

    private static void ConsumeOldest<TBlock>(Queue<(Task<TBlock> Parse, byte[] Buffer)> pending, Action<TBlock> consume)
    {
        var (task, buffer) = pending.Peek();
        var block = task.GetAwaiter().GetResult(); // rethrows the parser's own exception, not an AggregateException
        pending.Dequeue();
        ArrayPool<byte>.Shared.Return(buffer);
        consume(block);
    }

    // Reads past the rest of an overlong line; what follows its line break is moved to the buffer's start.
    private static int DiscardRestOfLine(Stream stream, byte[] buffer, ref long total, out bool ended)
    {
        while (true)
        {
            var read = stream.Read(buffer, 0, buffer.Length);
            ended = read == 0;
            if (ended) return 0;
            total += read;
            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline < 0) continue;
            buffer.AsSpan(newline + 1, read - newline - 1).CopyTo(buffer);
            return read - newline - 1;
        }
    }

    private static void Grow(ref byte[] buffer, int filled)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
        buffer.AsSpan(0, filled).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
