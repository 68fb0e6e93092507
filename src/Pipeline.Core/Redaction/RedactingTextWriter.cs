using System.Text;

namespace Pipeline.Core.Redaction;

/// <summary>
/// A TextWriter that redacts whole lines before passing them on. It buffers until a newline so that a
/// secret written in pieces (Write("sk-"), Write("abc...")) is still recognised.
/// </summary>
public sealed class RedactingTextWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly object _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n') FlushLine();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            _line.Append(value);
            if (value.Contains('\n')) FlushLine();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? string.Empty) + NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            FlushLine(all: true);
            inner.Flush();
        }
    }

    private void FlushLine(bool all = false)
    {
        if (_line.Length == 0) return;
        var text = _line.ToString();
        // Keep an unfinished trailing line buffered unless flushing: the next write may complete it.
        var cut = all ? text.Length - 1 : text.LastIndexOf('\n');
        if (cut < 0) return;
        inner.Write(redactor.Redact(text[..(cut + 1)]));
        _line.Clear().Append(text.AsSpan(cut + 1));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
