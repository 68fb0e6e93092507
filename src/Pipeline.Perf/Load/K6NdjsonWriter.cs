using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>
/// Writes samples as k6's <c>--out json</c> NDJSON (k6 v0.47): a <c>Metric</c> line before each metric's
/// first point, then one <c>Point</c> line per metric and request (<c>http_reqs</c>,
/// <c>http_req_duration</c>, <c>http_req_waiting</c>, <c>http_req_failed</c>) with k6's tags sorted, and
/// <c>dropped_iterations</c> points for the open model. Built for throughput: the JSON of each distinct
/// tag set is rendered once (with <see cref="Utf8JsonWriter"/>, so escaping is right) and reused; a line
/// is then a few copies and two number formats into one reusable buffer. Not thread-safe: one writer
/// thread owns it.
/// </summary>
internal sealed class K6NdjsonWriter
{
    private const int HttpReqs = 0, Duration = 1, Waiting = 2, Failed = 3, Dropped = 4;

    private static readonly (string Name, string Type, string Contains)[] Metrics =
    [
        ("http_reqs", "counter", "default"),
        ("http_req_duration", "trend", "time"),
        ("http_req_waiting", "trend", "time"),
        ("http_req_failed", "rate", "default"),
        ("dropped_iterations", "counter", "default"),
    ];

    private static readonly byte[] TimeField = "\"time\":\""u8.ToArray();
    private static readonly byte[] ValueField = "\",\"value\":"u8.ToArray();
    private static readonly byte[] TagsField = ",\"tags\":"u8.ToArray();
    private static readonly byte[] LineEnd = "}}\n"u8.ToArray();

    // k6 (Go, SetEscapeHTML(false)) writes '<' in thresholds as is.
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly LoadScenario _scenario;
    private readonly RequestErrorCatalog _errors;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _runTags;
    private readonly byte[][] _metricLines;
    private readonly bool[] _metricWritten = new bool[Metrics.Length];
    private readonly byte[][] _pointPrefixes;
    private readonly Dictionary<long, byte[]> _tagSets = [];
    private readonly byte[] _droppedTags;
    private readonly byte[] _buffer = new byte[1 << 18];
    private int _used;
    private long _cachedSecond = long.MinValue;
    private readonly byte[] _cachedSecondText = new byte[40];

    /// <param name="runTags">Tags k6 gets with <c>--tag</c> and puts on every point: the run id and, for a shard, its execution segment.</param>
    public K6NdjsonWriter(Stream output, LoadScenario scenario, RequestErrorCatalog errors, IReadOnlyList<KeyValuePair<string, string>>? runTags = null)
    {
        _output = output;
        _scenario = scenario;
        _errors = errors;
        _runTags = runTags ?? [];
        var thresholds = scenario.AllThresholds();
        _metricLines = Metrics.Select(m => RenderMetricLine(m.Name, m.Type, m.Contains, thresholds)).ToArray();
        _pointPrefixes = Metrics.Select(m => Encoding.UTF8.GetBytes($"{{\"metric\":\"{m.Name}\",\"type\":\"Point\",\"data\":{{")).ToArray();
        _droppedTags = RenderTags([new("scenario", scenario.Name), .. _runTags]);
    }

    public long LinesWritten { get; private set; }

    public void Write(in RequestSample sample)
    {
        Span<byte> time = stackalloc byte[40];
        time = time[..FormatTimeCached(sample.EndUnixNanoseconds, time)];

        if (sample.IsDropped)
        {
            WritePoint(Dropped, time, 1_000_000, _droppedTags);
            return;
        }

        var tags = TagsFor(sample);
        WritePoint(HttpReqs, time, 1_000_000, tags);
        WritePoint(Duration, time, sample.DurationNanoseconds, tags);
        WritePoint(Waiting, time, sample.WaitingNanoseconds, tags);
        WritePoint(Failed, time, sample.IsExpected ? 0 : 1_000_000, tags);
    }

    public void Flush()
    {
        if (_used > 0) _output.Write(_buffer, 0, _used);
        _used = 0;
        _output.Flush();
    }

    private void WritePoint(int metric, ReadOnlySpan<byte> time, long valueNanoseconds, byte[] tags)
    {
        if (!_metricWritten[metric])
        {
            _metricWritten[metric] = true;
            Append(_metricLines[metric]);
            LinesWritten++;
        }
        EnsureRoom(_pointPrefixes[metric].Length + time.Length + tags.Length + 96);
        Append(_pointPrefixes[metric]);
        Append(TimeField);
        Append(time);
        Append(ValueField);
        _used += FormatMilliseconds(valueNanoseconds, _buffer.AsSpan(_used));
        Append(TagsField);
        Append(tags);
        Append(LineEnd);
        LinesWritten++;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void EnsureRoom(int bytes)
    {
        if (_used + bytes <= _buffer.Length) return;
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }

    private byte[] TagsFor(in RequestSample sample)
    {
        var key = (sample.AsGet ? 1L << 56 : 0) | ((long)sample.Endpoint << 48) | ((long)sample.HttpVersion << 40) | ((long)(ushort)sample.Status << 16) | (ushort)sample.Error;
        if (_tagSets.TryGetValue(key, out var tags)) return tags;

        var endpoint = _scenario.Endpoints[sample.Endpoint];
        var list = new List<KeyValuePair<string, string>>();
        if (sample.Error != RequestSample.NoError)
        {
            var error = _errors[sample.Error];
            if (error.Message is not null) list.Add(new("error", error.Message));
            list.Add(new("error_code", error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        list.Add(new("expected_response", sample.IsExpected ? "true" : "false"));
        list.Add(new("group", string.Empty));
        list.Add(new("method", sample.AsGet ? "GET" : endpoint.Method));
        list.Add(new("name", endpoint.Name));
        if (sample.HttpVersion != 0) list.Add(new("proto", sample.HttpVersion == 20 ? "HTTP/2.0" : "HTTP/1.1"));
        list.Add(new("scenario", _scenario.Name));
        list.Add(new("status", sample.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // k6 replaces the url tag with the name tag when a request is named (fewer distinct series).
        list.Add(new("url", endpoint.Name));
        list.AddRange(_runTags);
        tags = RenderTags(list);
        _tagSets[key] = tags;
        return tags;
    }

    private static byte[] RenderTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal)) json.WriteString(key, value);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static byte[] RenderMetricLine(string name, string type, string contains, IReadOnlyDictionary<string, IReadOnlyList<string>> thresholds)
    {
        var submetrics = thresholds.Keys.Select(SampleSummary.SplitKey).Where(k => k.Metric == name && k.Tag is not null).ToList();
        // k6 always tracks this submetric of http_req_duration (for its end-of-test summary).
        if (name == "http_req_duration" && !submetrics.Any(s => s is { Tag: "expected_response", Value: "true" }))
            submetrics.Add(("http_req_duration", "expected_response", "true"));

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "Metric");
            json.WriteStartObject("data");
            json.WriteString("name", name);
            json.WriteString("type", type);
            json.WriteString("contains", contains);
            json.WriteStartArray("thresholds");
            foreach (var threshold in thresholds.TryGetValue(name, out var own) ? own : []) json.WriteStringValue(threshold);
            json.WriteEndArray();
            if (submetrics.Count == 0) json.WriteNull("submetrics");
            else
            {
                json.WriteStartArray("submetrics");
                foreach (var submetric in submetrics)
                {
                    json.WriteStartObject();
                    json.WriteString("name", $"{submetric.Metric}{{{submetric.Tag}:{submetric.Value}}}");
                    json.WriteString("suffix", $"{submetric.Tag}:{submetric.Value}");
                    json.WriteStartObject("tags");
                    json.WriteString(submetric.Tag!, submetric.Value);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteString("metric", name);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Like <see cref="FormatTime"/>, reusing the date-and-seconds part while samples stay in the same second (most do).</summary>
    private int FormatTimeCached(long unixNanoseconds, Span<byte> destination)
    {
        var second = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var nanos);
        if (nanos < 0 || second != _cachedSecond)
        {
            var length = FormatTime(unixNanoseconds, destination);
            if (nanos < 0) return length;
            _cachedSecond = second;
            FormatTime(second * 1_000_000_000L, _cachedSecondText);
            return length;
        }
        _cachedSecondText.AsSpan(0, 19).CopyTo(destination);
        if (nanos == 0)
        {
            destination[19] = (byte)'Z';
            return 20;
        }
        return 19 + FormatFraction(nanos, destination[19..]);
    }

    /// <summary>RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's <c>time.RFC3339Nano</c> writes it.</summary>
    internal static int FormatTime(long unixNanoseconds, Span<byte> destination)
    {
        var seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var nanos);
        if (nanos < 0) { seconds--; nanos += 1_000_000_000L; }
        var utc = DateTime.UnixEpoch.AddSeconds(seconds);
        utc.TryFormat(destination, out var written, "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        if (nanos != 0)
        {
            destination[written++] = (byte)'.';
            var digits = 9;
            while (nanos % 10 == 0) { nanos /= 10; digits--; }
            for (var i = digits - 1; i >= 0; i--) { destination[written + i] = (byte)('0' + nanos % 10); nanos /= 10; }
            written += digits;
        }
        destination[written++] = (byte)'Z';
        return written;
    }

    /// <summary>".123456789Z" with trailing zeros trimmed, for a non-zero nanosecond part.</summary>
    private static int FormatFraction(long nanos, Span<byte> destination)
    {
        destination[0] = (byte)'.';
        var digits = 9;
        while (nanos % 10 == 0) { nanos /= 10; digits--; }
        for (var i = digits; i >= 1; i--) { destination[i] = (byte)('0' + nanos % 10); nanos /= 10; }
        destination[digits + 1] = (byte)'Z';
        return digits + 2;
    }

    /// <summary>Nanoseconds as milliseconds with up to six decimals (k6's float values), without going through a double.</summary>
    internal static int FormatMilliseconds(long nanoseconds, Span<byte> destination)
    {
        var written = 0;
        if (nanoseconds < 0) { destination[written++] = (byte)'-'; nanoseconds = -nanoseconds; }
        var whole = Math.DivRem(nanoseconds, 1_000_000L, out var fraction);
        Utf8Formatter.TryFormat(whole, destination[written..], out var n);
        written += n;
        if (fraction == 0) return written;
        destination[written++] = (byte)'.';
        var digits = 6;
        while (fraction % 10 == 0) { fraction /= 10; digits--; }
        for (var i = digits - 1; i >= 0; i--) { destination[written + i] = (byte)('0' + fraction % 10); fraction /= 10; }
        return written + digits;
    }
}
