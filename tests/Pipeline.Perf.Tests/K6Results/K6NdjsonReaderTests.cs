using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.K6Results;

public sealed class K6NdjsonReaderTests : IDisposable
{
    private readonly K6Fixture _fixture = new();
    private static readonly string[] Lines = File.ReadAllLines(K6Fixture.Ndjson);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Key_order_inside_a_line_does_not_change_any_figure()
    {
        var reversed = Lines.Select(line => Reverse(JsonNode.Parse(line)!).ToJsonString());
        var path = _fixture.Write("reversed.ndjson", string.Join('\n', reversed) + "\n");

        var original = K6ResultReader.Read([K6Fixture.Ndjson]);
        var shuffled = K6ResultReader.Read([path]);

        Assert.Equal(original.Overall, shuffled.Overall);
        Assert.Equal(original.Endpoints.Select(e => (e.Name, e.Latency)), shuffled.Endpoints.Select(e => (e.Name, e.Latency)));
        Assert.Equal(313, shuffled.Overall.Count);
    }

    [Fact]
    public void Gzip_file_reads_like_the_plain_file()
    {
        var path = _fixture.WriteGzip("run.ndjson.gz", File.ReadAllBytes(K6Fixture.Ndjson));
        Assert.Equal(K6ResultReader.Read([K6Fixture.Ndjson]).Overall, K6ResultReader.Read([path]).Overall);
    }

    [Fact]
    public void Lines_longer_than_the_buffer_are_read_whole()
    {
        var options = new K6ResultReaderOptions { BufferSize = 64 };
        Assert.Equal(K6ResultReader.Read([K6Fixture.Ndjson]).Overall, K6ResultReader.Read([K6Fixture.Ndjson], options).Overall);
    }

    [Fact]
    public void Blocks_parsed_in_parallel_give_exactly_the_figures_of_one_sequential_pass()
    {
        // 20 copies of the run: thousands of small blocks parsed on every core, against one block read in one piece.
        var body = Lines.Where(l => !l.Contains("\"type\":\"Metric\""));
        var content = Lines.Where(l => l.Contains("\"type\":\"Metric\"")).Concat(Enumerable.Repeat(body, 20).SelectMany(b => b));
        var path = _fixture.Write("big.ndjson", string.Join('\n', content) + "\n");

        var sequential = K6ResultReader.Read([path], new K6ResultReaderOptions { BufferSize = 64 << 20 });
        var parallel = K6ResultReader.Read([path], new K6ResultReaderOptions { BufferSize = 512 });

        Assert.Equal(20 * 313, parallel.Overall.Count);
        Assert.Equal(sequential.Overall, parallel.Overall); // avg included: summed in file order, to the last bit
        Assert.Equal(sequential.ExpectedResponseOnly, parallel.ExpectedResponseOnly);
        Assert.Equal(sequential.Endpoints.Select(e => (e.Name, e.Latency, e.FailedRate)), parallel.Endpoints.Select(e => (e.Name, e.Latency, e.FailedRate)));
        Assert.Equal(sequential.Metrics.OrderBy(m => m.Key), parallel.Metrics.OrderBy(m => m.Key));
        Assert.Equal(sequential.DeclaredThresholds, parallel.DeclaredThresholds);
        Assert.Equal((sequential.Lines, sequential.FirstSample, sequential.LastSample), (parallel.Lines, parallel.FirstSample, parallel.LastSample));
    }

    [Fact]
    public void Bad_lines_in_later_blocks_keep_their_own_line_numbers_in_file_order()
    {
        var content = Lines.ToList();
        content.Insert(3000, "garbage three thousand and one");
        content.Insert(2000, "garbage two thousand and one");
        var path = _fixture.Write("late.ndjson", string.Join('\n', content) + "\n");
        var small = new K6ResultReaderOptions { BufferSize = 256 };

        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path], small));
        Assert.Equal(2001, error.Line);

        var lenient = K6ResultReader.Read([path], small with { Lenient = true });
        Assert.Equal(["late.ndjson:2001:", "late.ndjson:3002:"], lenient.SkipReasons.Select(r => r[..r.IndexOf(' ')]));
        Assert.Equal(Lines.Length, lenient.Lines - lenient.SkippedLines);
    }

    [Fact]
    public void Empty_file_is_an_error_naming_the_file()
    {
        var path = _fixture.Write("empty.ndjson", "");
        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true }));
        Assert.Contains("empty.ndjson", error.Message);
        Assert.Contains("empty", error.Problem);
    }

    [Fact]
    public void Missing_file_is_an_error_saying_what_to_pass()
    {
        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([Path.Combine(_fixture.Directory, "nope.json")]));
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Truncated_gzip_is_an_error_even_when_lenient()
    {
        var whole = File.ReadAllBytes(_fixture.WriteGzip("whole.gz", File.ReadAllBytes(K6Fixture.Ndjson)));
        var path = Path.Combine(_fixture.Directory, "cut.ndjson.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true }));
        Assert.Contains("cut.ndjson.gz", error.Message);
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public void A_cut_gzip_file_is_reported_as_cut_at_the_line_after_the_last_whole_one_strict_or_lenient()
    {
        var whole = File.ReadAllBytes(_fixture.WriteGzip("whole.gz", File.ReadAllBytes(K6Fixture.Ndjson)));
        var path = Path.Combine(_fixture.Directory, "cut.ndjson.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var decompressed = Decompressible(File.ReadAllBytes(path));
        var wholeLines = decompressed.Count(b => b == (byte)'\n');

        foreach (var options in new[] { K6ResultReaderOptions.Default, new K6ResultReaderOptions { Lenient = true } })
        {
            var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path], options));
            Assert.Contains("gzip", error.Message); // not "not valid JSON" for the cut-off last line
            Assert.Equal(wholeLines + 1, error.Line);
        }
    }

    [Fact]
    public void Damaged_gzip_data_is_reported_at_the_line_after_the_last_whole_one_decompressed()
    {
        // Stored (uncompressed) deflate blocks; one flipped byte in the middle breaks a block header.
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(Lines, 20).SelectMany(l => l)) + "\n");
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.NoCompression, leaveOpen: true)) gzip.Write(content);
        var bytes = packed.ToArray();
        for (var at = bytes.Length / 2; at < bytes.Length; at++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0xFF;
            var readable = Decompressible(damaged, out var failed);
            if (!failed) continue;
            var path = Path.Combine(_fixture.Directory, "damaged.ndjson.gz");
            File.WriteAllBytes(path, damaged);
            var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true }));
            Assert.Contains("damaged", error.Message);
            Assert.Equal(readable.Count(b => b == (byte)'\n') + 1, error.Line);
            return;
        }
        Assert.Fail("no flipped byte broke the gzip data");
    }

    private static byte[] Decompressible(byte[] gzipBytes) => Decompressible(gzipBytes, out _);

    // What a gzip stream yields before it ends or fails.
    private static byte[] Decompressible(byte[] gzipBytes, out bool failed)
    {
        using var output = new MemoryStream();
        failed = false;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(gzipBytes), CompressionMode.Decompress);
            var buffer = new byte[4096];
            int read;
            while ((read = gzip.Read(buffer)) > 0) output.Write(buffer, 0, read);
        }
        catch (InvalidDataException)
        {
            failed = true;
        }
        return output.ToArray();
    }

    [Theory]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":NaN,"tags":{"name":"chat","status":"200"}}}""", "not valid JSON")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":"NaN","tags":{"name":"chat","status":"200"}}}""", "not a finite number")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":12.5}}""", "without \"data.tags\"")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":12.5,"tags":{"status":"200"}}}""", "\"name\" tag")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":12.5,"tags":{"name":"chat"}}}""", "\"status\" tag")]
    [InlineData("""{"metric":"openai_tokens","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":3,"tags":{"name":"chat"}}}""", "unknown metric \"openai_tokens\"")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":-4,"tags":{"name":"chat","status":"200"}}}""", "negative duration")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":1.5e308,"tags":{"name":"chat","status":"200"}}}""", "beyond what a k6 point holds")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":-1.5e308,"tags":{"name":"chat","status":"200"}}}""", "beyond what a k6 point holds")]
    [InlineData("""{"metric":"http_req_duration","data":{"time":"2026-11-25T22:33:15.1Z","value":4,"tags":{"name":"chat","status":"200"}}}""", "no \"type\"")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"yesterday","value":4,"tags":{"name":"chat","status":"200"}}}""", "RFC 3339")]
    [InlineData("""{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-25T22:33:15.1Z","value":4,"tags":{"name":"chat","status":"200"}""", "not valid JSON")]
    public void A_bad_line_fails_with_file_and_line_and_is_counted_when_lenient(string badLine, string expectedProblem)
    {
        // The bad line goes after the fixture's 40th line (after the Metric lines it may need).
        var content = Lines.Take(40).Append(badLine).Concat(Lines.Skip(40));
        var path = _fixture.Write("bad.ndjson", string.Join('\n', content) + "\n");

        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path]));
        Assert.Equal(41, error.Line);
        Assert.Contains("bad.ndjson:41:", error.Message);
        Assert.Contains(expectedProblem, error.Message);
        Assert.Contains("--lenient", error.Message);

        var lenient = K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true });
        Assert.Equal(1, lenient.SkippedLines);
        Assert.Contains(lenient.SkipReasons, r => r.StartsWith("bad.ndjson:41:") && r.Contains(expectedProblem));
        Assert.Equal(K6ResultReader.Read([K6Fixture.Ndjson]).Overall, lenient.Overall);
    }

    [Fact]
    public void A_long_name_that_is_not_valid_utf8_fails_with_its_line_or_is_skipped_when_lenient()
    {
        var bad = Encoding.UTF8.GetBytes("{\"type\":\"Metric\",\"data\":{\"name\":\"" + new string('m', 300)).Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\",\"type\":\"counter\"},\"metric\":\"x\"}\n")).ToArray();
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Lines.Take(40)) + "\n").Concat(bad).Concat(Encoding.UTF8.GetBytes(string.Join('\n', Lines.Skip(40)) + "\n")).ToArray();
        var path = Path.Combine(_fixture.Directory, "utf8.ndjson");
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path]));
        Assert.Equal(41, error.Line);
        Assert.Contains("UTF-8", error.Message);
        Assert.Equal(1, K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true }).SkippedLines);
    }

    [Theory]
    [InlineData("http_req_duration", true)]   // k6's own layout (the fast path)
    [InlineData("http_req_duration", false)]  // another key order (the full parser)
    [InlineData("http_reqs", true)]           // a metric whose tags neither path reads
    public void A_short_name_that_is_not_valid_utf8_is_a_line_error_not_a_phantom_endpoint(string metric, bool canonical)
    {
        var line = canonical
            ? $"{{\"metric\":\"{metric}\",\"type\":\"Point\",\"data\":{{\"time\":\"2026-11-25T22:33:15.1Z\",\"value\":12,\"tags\":{{\"name\":\"ch\u00FFat\",\"status\":\"200\"}}}}}}\n"
            : $"{{\"type\":\"Point\",\"metric\":\"{metric}\",\"data\":{{\"time\":\"2026-11-25T22:33:15.1Z\",\"value\":12,\"tags\":{{\"name\":\"ch\u00FFat\",\"status\":\"200\"}}}}}}\n";
        var bad = Encoding.Latin1.GetBytes(line); // the name's 0xFF byte is never valid UTF-8
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Lines.Take(40)) + "\n").Concat(bad).Concat(Encoding.UTF8.GetBytes(string.Join('\n', Lines.Skip(40)) + "\n")).ToArray();
        var path = Path.Combine(_fixture.Directory, "short-utf8.ndjson");
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path]));
        Assert.Equal(41, error.Line);
        Assert.Contains("UTF-8", error.Message);
        var lenient = K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true });
        Assert.Equal(1, lenient.SkippedLines);
        Assert.DoesNotContain(lenient.Endpoints, e => e.Name.StartsWith("ch", StringComparison.Ordinal) && e.Name != "chat");
    }

    [Fact]
    public void A_gzip_line_without_end_is_a_line_error_read_with_bounded_memory()
    {
        // 64 MiB without a line break, 64 KiB compressed: the reader stops at the line limit, never holding it.
        var bomb = new byte[64 << 20];
        bomb.AsSpan().Fill((byte)'x');
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Lines.Take(40)) + "\n").Concat(bomb).ToArray();
        var path = _fixture.WriteGzip("bomb.ndjson.gz", content);
        content = bomb = null!;
        GC.Collect();

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path]));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 32 << 20, "the reader held more than 32 MiB");
        Assert.Equal(41, error.Line);
        Assert.Contains("longer than 1,048,576 bytes", error.Message);
    }

    [Fact]
    public void An_overlong_line_is_skipped_and_counted_when_lenient()
    {
        var content = Lines.Take(40).Append(new string('x', 5000)).Concat(Lines.Skip(40));
        var path = _fixture.Write("long.ndjson", string.Join('\n', content) + "\n");
        var lenient = K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true, MaxLineBytes = 1024, BufferSize = 256 });
        Assert.Equal(1, lenient.SkippedLines);
        Assert.Contains(lenient.SkipReasons, r => r.StartsWith("long.ndjson:41:"));
        Assert.Equal(K6ResultReader.Read([K6Fixture.Ndjson]).Overall, lenient.Overall);
    }

    [Fact]
    public void Tens_of_thousands_of_endpoint_names_list_the_busiest_and_sum_the_rest_in_linear_time()
    {
        // 30,000 distinct names (past the 10,000 told apart), one busy endpoint with 500 requests.
        var text = new StringBuilder("{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\"},\"metric\":\"http_req_duration\"}\n");
        void Point(string name, int value) => text.Append($"{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"2026-11-25T22:33:15.1Z\",\"value\":{value},\"tags\":{{\"name\":\"{name}\",\"status\":\"200\"}}}}}}\n");
        for (var i = 0; i < 500; i++) Point("chat", 100 + i);
        for (var i = 0; i < 30_000; i++) Point($"/users/{i}", i % 1000);
        var path = _fixture.Write("cardinality.ndjson", text.ToString());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = K6ResultReader.Read([path]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");

        Assert.Equal(RunAccumulator.MaxEndpointsListed + 1, run.Endpoints.Count);
        Assert.Equal(500, run.Endpoints.Single(e => e.Name == "chat").Latency.Count);
        var other = run.Endpoints[^1];
        Assert.Equal(RunAccumulator.OtherName, other.Name);
        Assert.Equal(30_500 - RunAccumulator.MaxEndpointsListed * 1 - 499, other.Latency.Count); // chat listed with its 500, 999 single-request names
        Assert.Equal(30_500, run.Overall.Count);
        Assert.Contains(run.Notes, n => n.Contains("more than 10,000 distinct endpoint names"));
    }

    [Fact]
    public void Lenient_counts_every_skip_but_keeps_only_the_first_reasons()
    {
        var content = Lines.Concat(Enumerable.Repeat("garbage", 25));
        var path = _fixture.Write("many.ndjson", string.Join('\n', content));
        var run = K6ResultReader.Read([path], new K6ResultReaderOptions { Lenient = true, MaxSkipReasonsKept = 3 });
        Assert.Equal(25, run.SkippedLines);
        Assert.Equal(3, run.SkipReasons.Count);
    }

    [Fact]
    public void A_file_with_only_metric_lines_has_no_requests_and_says_so()
    {
        var path = _fixture.Write("metrics-only.ndjson", string.Join('\n', Lines.Where(l => l.Contains("\"type\":\"Metric\""))));
        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([path]));
        Assert.Contains("no http_req_duration points", error.Message);
    }

    [Fact]
    public void Windows_line_endings_and_blank_lines_are_accepted()
    {
        var path = _fixture.Write("crlf.ndjson", string.Join("\r\n\r\n", Lines) + "\r\n");
        Assert.Equal(K6ResultReader.Read([K6Fixture.Ndjson]).Overall, K6ResultReader.Read([path]).Overall);
    }

    [Fact]
    public void Times_with_nine_digits_and_offsets_are_parsed_to_the_same_instant()
    {
        Assert.True(K6Time.TryParseUtcTicks("2026-11-25T22:33:15.383810859Z"u8, out var utc));
        Assert.True(K6Time.TryParseUtcTicks("2026-11-25T23:33:15.383810859+01:00"u8, out var offset));
        Assert.Equal(utc, offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 33, 15, TimeSpan.Zero).UtcTicks + 3838108, utc);
        Assert.False(K6Time.TryParseUtcTicks("2026-11-25T22:33:15.Z"u8, out _));
    }

    private static JsonNode Reverse(JsonNode node)
    {
        if (node is not JsonObject obj) return node.DeepClone();
        var copy = new JsonObject();
        foreach (var (key, value) in obj.Reverse()) copy[key] = value is null ? null : Reverse(value);
        return copy;
    }
}
