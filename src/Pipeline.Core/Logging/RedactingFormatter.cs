using Pipeline.Core.Redaction;
using Serilog.Events;
using Serilog.Formatting;

namespace Pipeline.Core.Logging;

/// <summary>Renders an event with an inner formatter, then masks secrets in the rendered text.</summary>
public sealed class RedactingFormatter(ITextFormatter inner, SecretRedactor redactor) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        output.Write(redactor.Redact(buffer.ToString()));
    }
}
