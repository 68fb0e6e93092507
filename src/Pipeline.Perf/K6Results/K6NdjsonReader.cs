using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Streams k6 <c>--out json</c> files (plain or gzip) in pooled blocks parsed on every core and feeds a
/// <see cref="RunAccumulator"/> in file order. A Point line in k6's own layout is read by
/// <see cref="CanonicalPointLine"/>; every other line goes through <see cref="Utf8JsonReader"/>, so key order
/// inside a line does not matter (it has changed across k6 versions) and every error names its line.
/// Nothing is kept per point except the latency value itself.
/// </summary>
internal sealed class K6NdjsonReader
{
    private readonly K6ResultReaderOptions _options;
    // One pool per parsing thread at a time (a pool is not thread-safe); a handful in all.
    private readonly ConcurrentBag<Utf8StringPool> _stringPools = [];
    private readonly List<string> _skipReasons = [];

    /// <summary>
    /// The largest magnitude a point's value may have: far above any latency (30 years in ms) or byte count k6
    /// writes, far below where sums over a billion points would overflow a double.
    /// </summary>
    public const double MaxPointValue = 1e15;

    public K6NdjsonReader(K6ResultReaderOptions? options = null) => _options = options ?? K6ResultReaderOptions.Default;

    public long Lines { get; private set; }
    public long SkippedLines { get; private set; }
    public IReadOnlyList<string> SkipReasons => _skipReasons;

    /// <summary>The <c>run_id</c> tag of each file's points (the first one seen), by path as given; absent when none.</summary>
    public IReadOnlyDictionary<string, string> RunIds => _runIds;
    private readonly Dictionary<string, string> _runIds = new(StringComparer.Ordinal);

    /// <summary>Reads one file (one shard) into <paramref name="accumulator"/>.</summary>
    /// <param name="progress">Told how far reading is, as a fraction of the (compressed) file size.</param>
    /// <remarks>
    /// Lines are parsed on every core (<see cref="LineBlockPipeline"/>) and applied to the accumulator in file
    /// order, so sums, "declared before use" checks and line numbers are exactly those of a sequential read.
    /// </remarks>
    public void Read(string path, RunAccumulator accumulator, CancellationToken cancellationToken = default, IProgress<double>? progress = null)
    {
        if (!File.Exists(path)) throw new K6ResultFormatException(path, null, "file not found; pass the k6 --out json file RunP95 wrote (reports/p95_k6_YYYYMMDD.json).");
        var declared = new Dictionary<string, MetricKind>(StringComparer.Ordinal);
        var linesBefore = Lines;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var lineNumber = 0L; // lines of the file applied so far
        long decompressed = 0;
        try
        {
            LineBlockPipeline.Run(stream, _options.BufferSize, _options.MaxLineBytes,
                block => ParseBlock(block.Span),
                parsed =>
                {
                    if (parsed.RunId is { } runId) _runIds.TryAdd(path, runId);
                    Apply(path, lineNumber, parsed, declared, accumulator);
                    lineNumber += parsed.LineCount;
                },
                overlongLine: () =>
                {
                    Lines++;
                    Reject(path, ++lineNumber,
                        $"the line is longer than {_options.MaxLineBytes:N0} bytes (k6 writes lines of a few hundred): not k6 output, or damaged");
                },
                bytes =>
                {
                    decompressed = bytes;
                    progress?.Report(file.Length == 0 ? 1 : (double)file.Position / file.Length);
                },
                atEnd: () => { if (gzip) CheckGzipComplete(path, file, decompressed, lineNumber); },
                cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new K6ResultFormatException(path, lineNumber + 1, $"the gzip data is damaged ({ex.Message}); the file was probably cut short. Copy it again or re-run RunP95.", ex);
        }
        if (Lines == linesBefore)
            throw new K6ResultFormatException(path, null, "the file is empty: k6 wrote no Metric or Point lines (did the run start? see the RunP95 log).");
    }

    /// <summary>Parses the lines of one block; nothing here depends on other lines, so blocks parse in parallel.</summary>
    private ParsedBlock ParseBlock(ReadOnlySpan<byte> block)
    {
        var strings = _stringPools.TryTake(out var pool) ? pool : new Utf8StringPool();
        var parsed = new ParsedBlock(block.Length / 128 + 16);
        var readRunId = true;
        try
        {
            while (!block.IsEmpty)
            {
                var newline = block.IndexOf((byte)'\n');
                var line = newline < 0 ? block : block[..newline];
                block = newline < 0 ? [] : block[(newline + 1)..];
                parsed.LineCount++;
                if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
                if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) continue; // blank lines carry nothing
                var item = new ParsedLine { Line = parsed.LineCount };
                if (!CanonicalPointLine.TryRead(line, ref item.Fields, strings, readRunId))
                {
                    try
                    {
                        item.Problem = ParseLine(line, ref item.Fields, strings);
                    }
                    catch (JsonException ex)
                    {
                        item.Problem = $"not valid JSON ({FirstSentence(ex.Message)})";
                    }
                }
                if (item.Fields.RunId is { } runId && readRunId)
                {
                    parsed.RunId = runId;
                    readRunId = false;
                }
                parsed.Add(item);
            }
        }
        finally
        {
            _stringPools.Add(strings);
        }
        return parsed;
    }

    /// <summary>Applies a parsed block in file order: the only place that changes the accumulator and the counts.</summary>
    private void Apply(string path, long firstLine, ParsedBlock block, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        try
        {
            foreach (ref var item in block.Items)
            {
                Lines++;
                var problem = item.Problem ?? item.Fields.Type switch
                {
                    K6LineType.Metric => DeclareMetric(ref item.Fields, declared, accumulator),
                    K6LineType.Point => AddPoint(ref item.Fields, declared, accumulator),
                    _ => null, // a line type from a newer k6 that carries nothing Summarize reads
                };
                if (problem is not null) Reject(path, firstLine + item.Line, problem);
            }
        }
        finally
        {
            block.Release();
        }
    }

    /// <summary>A bad line: the end of the read, or (lenient) a counted skip.</summary>
    private void Reject(string path, long lineNumber, string problem)
    {
        if (!_options.Lenient)
            throw new K6ResultFormatException(path, lineNumber,
                $"{problem}. Fix or remove the line, or pass --lenient to skip bad lines (they are counted in the report).");
        SkippedLines++;
        if (_skipReasons.Count < _options.MaxSkipReasonsKept) _skipReasons.Add($"{Path.GetFileName(path)}:{lineNumber}: {problem}");
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

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }

    /// <summary>Parses one line into <paramref name="fields"/>; returns null, or what is wrong with it.</summary>
    // The per-line hot path: compiled fully optimised at once, not left on precompiled code tied to other assemblies.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string? ParseLine(ReadOnlySpan<byte> line, ref K6LineFields fields, Utf8StringPool strings)
    {
        // Utf8JsonReader does not check the bytes inside strings, also of the tags it skips: the whole line is checked once.
        if (!System.Text.Unicode.Utf8.IsValid(line)) return "a string that is not valid UTF-8 text";
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "not a JSON object";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return "\"type\" is not a string";
                fields.Type = reader.ValueTextEquals("Point"u8) ? K6LineType.Point : reader.ValueTextEquals("Metric"u8) ? K6LineType.Metric : K6LineType.Other;
            }
            else if (reader.ValueTextEquals("metric"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return "\"metric\" is not a string";
                fields.Metric = strings.Get(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "\"data\" is not an object";
                // k6 writes "metric" and "type" before "data": when a Point's metric is already known and is not the
                // latency, only its value is needed and the rest is just validated, which halves the work per line.
                var problem = fields.Type == K6LineType.Point && fields.Metric is not null && fields.Metric != K6MetricNames.HttpReqDuration
                    ? ParseValueOnly(ref reader, ref fields)
                    : ParseData(ref reader, ref fields, strings);
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

        return fields.Type == K6LineType.None ? "no \"type\" (expected \"Metric\" or \"Point\")" : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? ParseValueOnly(ref Utf8JsonReader reader, ref K6LineFields fields)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? ParseData(ref Utf8JsonReader reader, ref K6LineFields fields, Utf8StringPool strings)
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
                    if (reader.ValueTextEquals("name"u8)) fields.Name = ReadTagString(ref reader, strings);
                    else if (reader.ValueTextEquals("status"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String || !Utf8Parser.TryParse(reader.ValueSpan, out int status, out var consumed) || consumed != reader.ValueSpan.Length)
                            return "tag \"status\" is not a number in a string";
                        fields.Status = status;
                    }
                    else if (reader.ValueTextEquals("error_code"u8)) fields.ErrorCode = ReadTagString(ref reader, strings);
                    else if (reader.ValueTextEquals("run_id"u8)) fields.RunId = ReadTagString(ref reader, strings);
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
                fields.DeclaredName = strings.Get(ref reader);
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

    private static string? ReadTagString(ref Utf8JsonReader reader, Utf8StringPool strings)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) { reader.Skip(); return null; }
        return strings.Get(ref reader);
    }

    private string? DeclareMetric(ref K6LineFields fields, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
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

    private string? AddPoint(ref K6LineFields fields, Dictionary<string, MetricKind> declared, RunAccumulator accumulator)
    {
        if (fields.Metric is null) return "Point line without \"metric\"";
        if (!fields.HasValue) return $"Point of {fields.Metric} without \"data.value\"";
        if (Math.Abs(fields.Value) > MaxPointValue)
            return $"\"data.value\" {fields.Value:G3} of {fields.Metric} is beyond what a k6 point holds (at most {MaxPointValue:G0} in size); sums of such values overflow the statistics";
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

    private struct ParsedLine
    {
        public K6LineFields Fields;
        public string? Problem;
        public int Line; // 1-based within the block
    }

    /// <summary>The parsed lines of one block, in a pooled array (a 160 MB file is thousands of blocks).</summary>
    private sealed class ParsedBlock(int capacity)
    {
        private ParsedLine[] _items = ArrayPool<ParsedLine>.Shared.Rent(capacity);
        private int _count;

        public int LineCount { get; set; }
        public string? RunId { get; set; }
        public Span<ParsedLine> Items => _items.AsSpan(0, _count);

        public void Add(in ParsedLine item)
        {
            if (_count == _items.Length)
            {
                var bigger = ArrayPool<ParsedLine>.Shared.Rent(_items.Length * 2);
                Items.CopyTo(bigger);
                ArrayPool<ParsedLine>.Shared.Return(_items, clearArray: true);
                _items = bigger;
            }
            _items[_count++] = item;
        }

        public void Release()
        {
            ArrayPool<ParsedLine>.Shared.Return(_items, clearArray: true); // drop the strings it points at
            _items = [];
            _count = 0;
        }
    }
}
