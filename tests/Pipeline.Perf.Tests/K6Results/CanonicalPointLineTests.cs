using System.Text;
using System.Text.Json;
using Pipeline.Perf.K6Results;

namespace Pipeline.Perf.Tests.K6Results;

/// <summary>
/// The fast path for k6's own line layout must never accept a line the full JSON parser rejects, and must give
/// exactly the full parser's fields for every line it accepts.
/// </summary>
public sealed class CanonicalPointLineTests
{
    private static readonly string[] FixtureLines = File.ReadAllLines(K6Fixture.Ndjson);

    // As the built-in engine writes it (K6NdjsonWriter): same layout, other tags.
    private const string EngineLine =
        """{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-26T01:29:56.75548853Z","value":13.372052,"tags":{"expected_response":"true","group":"","method":"POST","name":"chat","proto":"HTTP/1.1","scenario":"bench","status":"200","url":"chat"}}}""";

    [Fact]
    public void Every_point_line_k6_wrote_takes_the_fast_path_with_the_full_parsers_fields()
    {
        var points = FixtureLines.Where(l => l.Contains("\"type\":\"Point\"")).Append(EngineLine).ToArray();
        Assert.True(points.Length > 4000);
        foreach (var line in points)
        {
            var (fast, full) = (Fast(line), Full(line));
            Assert.True(fast is not null, $"declined: {line}");
            Assert.Equal(full, fast);
        }
    }

    [Fact]
    public void Metric_lines_are_left_to_the_full_parser()
    {
        Assert.All(FixtureLines.Where(l => l.Contains("\"type\":\"Metric\"")), line => Assert.Null(Fast(line)));
    }

    [Fact]
    public void No_damaged_line_is_accepted_and_none_reads_differently()
    {
        // Every single-byte deletion and insertion of a JSON-significant byte, on latency and other points.
        var samples = FixtureLines.Where(l => l.Contains("\"type\":\"Point\"")).Where((_, i) => i % 400 == 0).Append(EngineLine).ToArray();
        byte[] inserts = [(byte)'"', (byte)'\\', (byte)' ', 0x01, (byte)'}', (byte)'{', (byte)',', (byte)':', (byte)'.', (byte)'e', (byte)'-', (byte)'0', 0xC3, 0xFF];
        var accepted = 0;
        var cases = 0;
        foreach (var sample in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            for (var at = 0; at <= bytes.Length; at++)
            {
                if (at < bytes.Length) Check([.. bytes[..at], .. bytes[(at + 1)..]]);
                foreach (var insert in inserts) Check([.. bytes[..at], insert, .. bytes[at..]]);
            }
        }
        Assert.True(cases > 30_000, $"{cases} cases");
        Assert.True(accepted > 0); // some changes keep a valid line (an extra digit in a value, another letter in a tag)

        void Check(byte[] line)
        {
            cases++;
            var fast = Fast(line);
            if (fast is null) return;
            accepted++;
            Assert.True(fast == Full(line), $"fast path accepted differently: {Encoding.UTF8.GetString(line)}");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("13.372052")]
    [InlineData("0.000001")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e5")]
    [InlineData("1E+5")]
    [InlineData("2.5e-7")]
    [InlineData("-4.9406564584124654E-324")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("0.1000000000000000055511151231257827")]
    public void Numbers_read_to_the_same_bits_as_the_full_parser(string number)
    {
        var line = EngineLine.Replace("13.372052", number);
        var fast = Fast(line);
        Assert.NotNull(fast);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Full(line)!.Value.Value), BitConverter.DoubleToInt64Bits(fast.Value.Value));
    }

    [Theory]
    [InlineData("01")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e")]
    [InlineData("+1")]
    [InlineData("-")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("\"1\"")]
    [InlineData("null")]
    public void Values_that_are_not_plain_finite_numbers_are_declined(string number)
    {
        Assert.Null(Fast(EngineLine.Replace("13.372052", number)));
    }

    [Theory]
    [InlineData("\"status\":\"200\"", "\"status\":\"2x0\"")] // the full parser words the problem
    [InlineData("\"name\":\"chat\"", "\"name\":\"chat\",\"name\":\"other\"")] // repeated tag
    [InlineData("\"url\":\"chat\"", "\"url\":\"ch\\\"at\"")] // escape
    [InlineData("\"url\":\"chat\"", "\"url\":null")] // not a string
    [InlineData("\"time\":\"2026-11-26T01:29:56.75548853Z\"", "\"time\":\"yesterday\"")]
    [InlineData("{\"metric\"", "{ \"metric\"")] // whitespace
    [InlineData("}}}", "}}} ")]
    public void Lines_off_the_canonical_layout_are_declined(string original, string replacement)
    {
        Assert.Contains(original, EngineLine);
        Assert.Null(Fast(EngineLine.Replace(original, replacement)));
    }

    private static Fields? Fast(string line) => Fast(Encoding.UTF8.GetBytes(line));

    private static Fields? Fast(byte[] line)
    {
        var fields = new K6LineFields();
        return CanonicalPointLine.TryRead(line, ref fields, new Utf8StringPool()) ? Fields.Of(fields) : null;
    }

    private static Fields? Full(string line) => Full(Encoding.UTF8.GetBytes(line));

    private static Fields? Full(byte[] line)
    {
        var fields = new K6LineFields();
        try
        {
            return K6NdjsonReader.ParseLine(line, ref fields, new Utf8StringPool()) is null ? Fields.Of(fields) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The fields as a value, so two parses compare with ==.
    private readonly record struct Fields(K6LineType Type, string? Metric, double Value, bool HasValue, long TimeTicks, bool HasTags,
        string? Name, int? Status, string? ErrorCode, bool? ExpectedResponse)
    {
        public static Fields Of(K6LineFields f) =>
            new(f.Type, f.Metric, f.Value, f.HasValue, f.TimeTicks, f.HasTags, f.Name, f.Status, f.ErrorCode, f.ExpectedResponse);
    }
}
