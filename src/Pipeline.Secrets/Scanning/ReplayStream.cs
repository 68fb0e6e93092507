namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Reads bytes already taken from a stream (the head that told what the content is), then the rest of that
/// stream: lets a non-seekable stream (an archive entry) be identified and still read from its start.
/// </summary>
internal sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream rest) : ForwardOnlyStream
{
    private ReadOnlyMemory<byte> _head = head;

    public override int Read(Span<byte> buffer)
    {
        if (_head.IsEmpty) return rest.Read(buffer);
        var count = Math.Min(buffer.Length, _head.Length);
        _head.Span[..count].CopyTo(buffer);
        _head = _head[count..];
        return count;
    }
}
