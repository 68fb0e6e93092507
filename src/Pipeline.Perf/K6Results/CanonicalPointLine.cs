using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Reads a Point line laid out exactly as k6 and the built-in engine write it,
/// <c>{"metric":"…","type":"Point","data":{"time":"…","value":N,"tags":{"k":"v",…}}}</c> with no whitespace
/// and no escapes, by matching that layout instead of running a general JSON tokenizer: several times
/// faster, and a results file is almost only such lines. A line it accepts is valid JSON and gets exactly the
/// fields <see cref="K6NdjsonReader"/>'s full parser would give it; any other line (another key order,
/// whitespace, escapes, a tag that is not a string, a repeated tag, a time or status that does not parse...) is
/// declined and left to the full parser, which also words the errors.
/// </summary>
internal static class CanonicalPointLine
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="readRunId">Also pool the <c>run_id</c> tag (only until a block has one: it costs a lookup).</param>
    public static bool TryRead(ReadOnlySpan<byte> line, ref K6LineFields fields, Utf8StringPool strings, bool readRunId = false)
    {
        // No escapes and no control characters anywhere (those are invalid unescaped; the full parser reports
        // them): every string then ends at the next quote.
        if (line.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || line.Contains((byte)'\\')) return false;
        var rest = line;
        if (!Skip(ref rest, "{\"metric\":\""u8) || !TakeString(ref rest, out var metric)
            || !Skip(ref rest, ",\"type\":\"Point\",\"data\":{\"time\":\""u8) || !TakeString(ref rest, out var time)
            || !Skip(ref rest, ",\"value\":"u8) || !TakeNumber(ref rest, out var value)
            || !Skip(ref rest, ",\"tags\":{"u8))
            return false;

        // Only the latency's tags are used; for other metrics the tags are checked for well-formedness only.
        var isLatency = metric.SequenceEqual("http_req_duration"u8);
        ReadOnlySpan<byte> key, tag, name = default, status = default, errorCode = default, expected = default, runId = default;
        bool hasName = false, hasStatus = false, hasErrorCode = false, hasExpected = false, hasRunId = false;
        if (rest.Length > 0 && rest[0] == (byte)'}') rest = rest[1..];
        else
        {
            while (true)
            {
                if (!Skip(ref rest, "\""u8) || !TakeString(ref rest, out key) || !Skip(ref rest, ":\""u8) || !TakeString(ref rest, out tag))
                    return false;
                if (isLatency)
                {
                    // A repeated tag is left to the full parser, which reads every occurrence.
                    if (key.SequenceEqual("name"u8)) { if (hasName) return false; name = tag; hasName = true; }
                    else if (key.SequenceEqual("status"u8)) { if (hasStatus) return false; status = tag; hasStatus = true; }
                    else if (key.SequenceEqual("error_code"u8)) { if (hasErrorCode) return false; errorCode = tag; hasErrorCode = true; }
                    else if (key.SequenceEqual("expected_response"u8)) { if (hasExpected) return false; expected = tag; hasExpected = true; }
                    else if (readRunId && key.SequenceEqual("run_id"u8)) { if (hasRunId) return false; runId = tag; hasRunId = true; }
                }
                if (rest.IsEmpty) return false;
                var separator = rest[0];
                rest = rest[1..];
                if (separator == (byte)'}') break;
                if (separator != (byte)',') return false;
            }
        }
        if (!rest.SequenceEqual("}}"u8)) return false;
        if (!Utf8.IsValid(line)) return false;

        var read = new K6LineFields { Type = K6LineType.Point, Value = value, HasValue = true };
        if (isLatency)
        {
            if (!K6Time.TryParseUtcTicks(time, out read.TimeTicks)) return false;
            read.HasTags = true;
            if (hasStatus)
            {
                if (!Utf8Parser.TryParse(status, out int code, out var consumed) || consumed != status.Length) return false;
                read.Status = code;
            }
            if (hasName) read.Name = strings.Get(name);
            if (hasErrorCode) read.ErrorCode = strings.Get(errorCode);
            if (hasExpected) read.ExpectedResponse = expected.SequenceEqual("true"u8);
            if (hasRunId) read.RunId = strings.Get(runId);
        }
        read.Metric = strings.Get(metric);
        fields = read;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Skip(scoped ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> expected)
    {
        if (!rest.StartsWith(expected)) return false;
        rest = rest[expected.Length..];
        return true;
    }

    // The text up to the closing quote, which is consumed (the line has no escapes: checked first).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TakeString(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> text)
    {
        var end = rest.IndexOf((byte)'"');
        text = end < 0 ? default : rest[..end];
        if (end < 0) return false;
        rest = rest[(end + 1)..];
        return true;
    }

    // A JSON number (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?) that is a finite double, parsed as
    // Utf8JsonReader.TryGetDouble parses it.
    private static bool TakeNumber(scoped ref ReadOnlySpan<byte> rest, out double value)
    {
        value = 0;
        var i = 0;
        if (i < rest.Length && rest[i] == (byte)'-') i++;
        if (i < rest.Length && rest[i] == (byte)'0') i++;
        else if (i < rest.Length && rest[i] is >= (byte)'1' and <= (byte)'9') i = Digits(rest, i + 1);
        else return false;
        if (i < rest.Length && rest[i] == (byte)'.')
        {
            var fraction = Digits(rest, i + 1);
            if (fraction == i + 1) return false;
            i = fraction;
        }
        if (i < rest.Length && rest[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < rest.Length && rest[i] is (byte)'+' or (byte)'-') i++;
            var exponent = Digits(rest, i);
            if (exponent == i) return false;
            i = exponent;
        }
        if (!Utf8Parser.TryParse(rest[..i], out value, out var consumed) || consumed != i || !double.IsFinite(value)) return false;
        rest = rest[i..];
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text, int from)
    {
        while (from < text.Length && text[from] is >= (byte)'0' and <= (byte)'9') from++;
        return from;
    }
}
