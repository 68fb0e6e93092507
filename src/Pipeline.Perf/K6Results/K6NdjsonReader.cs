using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Streams k6 <c>--out json</c> files (plain or gzip) line by line through <see cref="Utf8JsonReader"/> over
/// a pooled buffer and feeds a <see cref="RunAccumulator"/>. Key order inside a line does not matter (it has
/// changed across k6 versions). Nothing is kept per point except the latency value itself.
/// </summary>
public sealed class K6NdjsonReader
{
    private readonly K6ResultReaderOptions _options;
    private readonly Utf8StringPool _strings = new();
    private readonly List<string> _skipReasons = [];

    public K6NdjsonReader(K6ResultReaderOptions? options = null) => _options = options ?? K6ResultReaderOptions.Default;

    public long Lines { get; private set; }
    public long SkippedLines { get; private set; }
    public IReadOnlyList<string> SkipReasons => _skipReasons;

    /// <summary>Reads one file (one shard) into <paramref name="accumulator"/>.</summary>
    /// <param name="progress">Told how far reading is, as a fraction of the (compressed) file size.</param>
    public void Read(string path, RunAccumulator accumulator, CancellationToken cancellationToken = default, IProgress<double>? progress = null)
    {
        if (!File.Exists(path)) throw new K6ResultFormatException(path, null, "file not found; pass the k6 --out json file RunP95 wrote (reports/p95_k6_YYYYMMDD.json).");
        var declared = new Dictionary<string, MetricKind>(StringComparer.Ordinal);
        var linesBefore = Lines;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
        var lineNumber = 0L;
        long decompressed = 0;
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (end == buffer.Length)
                {
                    if (start == 0) Grow(ref buffer); // a line longer than the buffer
                    else
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                }
                int read;
                try
                {
                    read = stream.Read(buffer, end, buffer.Length - end);
                }
                catch (InvalidDataException ex)
                {
                    throw new K6ResultFormatException(path, lineNumber + 1, $"the gzip data is damaged ({ex.Message}); the file was probably cut short. Copy it again or re-run RunP95.", ex);
                }
                if (read == 0) break;
                decompressed += read;
                progress?.Report(file.Length == 0 ? 1 : (double)file.Position / file.Length);
                end += read;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0) break;
                    lineNumber++;
                    ProcessLine(path, lineNumber, buffer.AsSpan(start, newline), declared, accumulator);
                    start += newline + 1;
                }
            }
            if (gzip) CheckGzipComplete(path, file, decompressed, lineNumber);
            if (end > start)
            {
                lineNumber++;
                ProcessLine(path, lineNumber, buffer.AsSpan(start, end - start), declared, accumulator);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (Lines == linesBefore)
            throw new K6ResultFormatException(path, null, "the file is empty: k6 wrote no Metric or Point lines (did the run start? see the RunP95 log).");
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    // GZipStream ends quietly when a file stops mid-stream. A whole gzip member ends with the uncompressed
    // size mod 2^32 (ISIZE), so a cut file is caught by comparing it with what was decompressed.
    private static void CheckGzipComplete(string path, FileStream file, long decompressed, long lines)
    {
        Span<byte> trailer = stackalloc byte[4];
        const int smallestGzip = 18; // 10-byte header + 8-byte trailer
        if (file.Length < smallestGzip)
            throw new K6ResultFormatException(path, null, "the gzip file is shorter than a gzip header and trailer: it was cut short.");
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (size != (uint)decompressed)
            throw new K6ResultFormatException(path, lines + 1,
                $"the gzip data ends early ({decompressed:N0} bytes decompressed, the gzip trailer does not match): the file was cut short. Copy it again or re-run RunP95.");
    }

    private static void Grow(ref byte[] buffer)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    private void ProcessLine(string path, long lineNumber, ReadOnlySpan<byte> line, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return; // blank lines carry nothing
        Lines++;
        string? problem;
        try
        {
            problem = ParseLine(line, declared, accumulator);
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON ({FirstSentence(ex.Message)})";
        }
        if (problem is null) return;
        if (!_options.Lenient)
            throw new K6ResultFormatException(path, lineNumber,
                $"{problem}. Fix or remove the line, or pass --lenient to skip bad lines (they are counted in the report).");
        SkippedLines++;
        if (_skipReasons.Count < _options.MaxSkipReasonsKept) _skipReasons.Add($"{Path.GetFileName(path)}:{lineNumber}: {problem}");
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }

    /// <summary>Parses one line; returns null when it was used, or what is wrong with it.</summary>
    private string? ParseLine(ReadOnlySpan<byte> line, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "not a JSON object";
        var fields = new LineFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return "\"type\" is not a string";
                fields.Type = reader.ValueTextEquals("Point"u8) ? LineType.Point : reader.ValueTextEquals("Metric"u8) ? LineType.Metric : LineType.Other;
            }
            else if (reader.ValueTextEquals("metric"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return "\"metric\" is not a string";
                fields.Metric = _strings.Get(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "\"data\" is not an object";
                // k6 writes "metric" and "type" before "data": when a Point's metric is already known and is not the
                // latency, only its value is needed and the rest is just validated, which halves the work per line.
                var problem = fields.Type == LineType.Point && fields.Metric is not null && fields.Metric != K6MetricNames.HttpReqDuration
                    ? ParseValueOnly(ref reader, ref fields)
                    : ParseData(ref reader, ref fields);
                if (problem is not null) return problem;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return "not a JSON object";
        if (reader.Read()) return "more than one JSON value on the line";

        switch (fields.Type)
        {
            case LineType.Metric:
                return DeclareMetric(ref fields, declared, accumulator);
            case LineType.Point:
                return AddPoint(ref fields, declared, accumulator);
            case LineType.None:
                return "no \"type\" (expected \"Metric\" or \"Point\")";
            default:
                return null; // a line type from a newer k6 that carries nothing Summarize reads
        }
    }

    private static string? ParseValueOnly(ref Utf8JsonReader reader, ref LineFields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
                    return "\"data.value\" is not a finite number";
                fields.Value = value;
                fields.HasValue = true;
            }
            else reader.Skip();
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : "\"data\" is not a complete object";
    }

    private string? ParseData(ref Utf8JsonReader reader, ref LineFields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
                    return "\"data.value\" is not a finite number";
                fields.Value = value;
                fields.HasValue = true;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return "\"data.time\" is not a string";
                if (reader.ValueIsEscaped || !K6Time.TryParseUtcTicks(reader.ValueSpan, out fields.TimeTicks))
                    return "\"data.time\" is not an RFC 3339 time";
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) continue;
                if (reader.TokenType != JsonTokenType.StartObject) return "\"data.tags\" is not an object";
                fields.HasTags = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8)) fields.Name = ReadTagString(ref reader);
                    else if (reader.ValueTextEquals("status"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String || !Utf8Parser.TryParse(reader.ValueSpan, out int status, out var consumed) || consumed != reader.ValueSpan.Length)
                            return "tag \"status\" is not a number in a string";
                        fields.Status = status;
                    }
                    else if (reader.ValueTextEquals("error_code"u8)) fields.ErrorCode = ReadTagString(ref reader);
                    else if (reader.ValueTextEquals("expected_response"u8))
                    {
                        reader.Read();
                        fields.ExpectedResponse = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("true"u8);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return "\"data.name\" is not a string";
                fields.DeclaredName = _strings.Get(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return "\"data.type\" is not a string";
                fields.Kind = reader.ValueTextEquals("trend"u8) ? MetricKind.Trend
                    : reader.ValueTextEquals("counter"u8) ? MetricKind.Counter
                    : reader.ValueTextEquals("rate"u8) ? MetricKind.Rate
                    : reader.ValueTextEquals("gauge"u8) ? MetricKind.Gauge
                    : null;
                if (fields.Kind is null) return $"unknown metric type \"{reader.GetString()}\" (k6 knows counter, gauge, rate, trend)";
            }
            else if (reader.ValueTextEquals("thresholds"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String) (fields.Thresholds ??= []).Add(reader.GetString()!);
                        else reader.Skip();
                    }
                }
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : "\"data\" is not a complete object";
    }

    private string? ReadTagString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) { reader.Skip(); return null; }
        return _strings.Get(ref reader);
    }

    private string? DeclareMetric(ref LineFields fields, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        var name = fields.DeclaredName ?? fields.Metric;
        if (name is null) return "Metric line without a metric name";
        if (fields.Kind is not { } kind) return $"Metric line for {name} without a known \"data.type\"";
        declared[name] = kind;
        foreach (var expression in fields.Thresholds ?? [])
        {
            try
            {
                accumulator.DeclareThreshold(ThresholdRule.Parse(name, expression));
            }
            catch (FormatException)
            {
                // k6 evaluated it itself; a form Summarize does not model is listed, not guessed at.
                accumulator.Note($"threshold '{expression}' on {name} is not in a form Summarize evaluates");
            }
        }
        return null;
    }

    private string? AddPoint(ref LineFields fields, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        if (fields.Metric is null) return "Point line without \"metric\"";
        if (!fields.HasValue) return $"Point of {fields.Metric} without \"data.value\"";
        if (!declared.TryGetValue(fields.Metric, out var kind))
            return $"unknown metric \"{fields.Metric}\": no Metric line declares it before this point (is the file a concatenation or cut at the start?)";
        if (fields.Metric != K6MetricNames.HttpReqDuration)
        {
            accumulator.AddSample(fields.Metric, kind, fields.Value);
            return null;
        }
        if (!fields.HasTags) return "http_req_duration point without \"data.tags\"";
        if (fields.Name is null) return "http_req_duration point without the \"name\" tag (the endpoint)";
        if (fields.Status is not { } status) return "http_req_duration point without the \"status\" tag";
        if (fields.Value < 0) return $"negative duration {fields.Value}";
        if (fields.TimeTicks == 0) return "http_req_duration point without \"data.time\"";
        // k6 tags expected_response on every request; older files without it: 2xx/3xx are expected (k6's default).
        var expected = fields.ExpectedResponse ?? status is >= 200 and < 400;
        accumulator.AddRequest(fields.Name, expected, status, fields.ErrorCode, fields.Value);
        accumulator.ObserveTime(fields.TimeTicks);
        return null;
    }

    private enum LineType { None, Point, Metric, Other }

    private struct LineFields
    {
        public LineType Type;
        public string? Metric;
        public double Value;
        public bool HasValue;
        public long TimeTicks;
        public bool HasTags;
        public string? Name;
        public int? Status;
        public string? ErrorCode;
        public bool? ExpectedResponse;
        public string? DeclaredName;
        public MetricKind? Kind;
        public List<string>? Thresholds;
    }
}
