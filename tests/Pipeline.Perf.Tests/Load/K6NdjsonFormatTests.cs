using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Perf.Load;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Load;

public class K6NdjsonFormatTests
{
    [Theory]
    [InlineData(65_121_545L, "65.121545")]
    [InlineData(0L, "0")]
    [InlineData(1_000_000L, "1")]
    [InlineData(2_569_038L, "2.569038")]
    [InlineData(1_500L, "0.0015")]
    [InlineData(1_003_575_213L, "1003.575213")]
    public void Milliseconds_are_written_like_k6(long nanoseconds, string expected)
    {
        var buffer = new byte[32];
        var length = K6NdjsonWriter.FormatMilliseconds(nanoseconds, buffer);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Theory]
    [InlineData("2026-11-25T22:33:15.383810859Z")]
    [InlineData("2026-11-25T22:33:15.3838Z")]
    [InlineData("2026-11-25T22:33:15Z")]
    public void Times_are_written_as_rfc3339_nano(string text)
    {
        var seconds = DateTime.Parse(text[..19] + "Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var fraction = text.Length > 20 ? long.Parse(text[20..^1].PadRight(9, '0'), CultureInfo.InvariantCulture) : 0;
        var nanos = (seconds - DateTime.UnixEpoch).Ticks * 100 + fraction;
        var buffer = new byte[40];
        var length = K6NdjsonWriter.FormatTime(nanos, buffer);
        Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void The_writer_times_every_point_exactly_across_second_boundaries()
    {
        var scenario = Pipeline.Perf.Scenario.ScenarioFile.Parse("""{"endpoints":[{"name":"a","path":"/"}]}""");
        using var output = new MemoryStream();
        var writer = new K6NdjsonWriter(output, scenario, new RequestErrorCatalog());
        long[] times = [1_764_109_995_383_810_859, 1_764_109_995_900_000_000, 1_764_109_996_000_000_000, 1_764_109_996_000_000_001, 1_764_109_995_000_000_100];

        foreach (var time in times) writer.Write(new RequestSample(time, 1_000, 500, 200, 0, 11, RequestSample.NoError));
        writer.Flush();

        var written = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "Point" && e.GetProperty("metric").GetString() == "http_reqs")
            .Select(e => e.GetProperty("data").GetProperty("time").GetString()).ToArray();
        var buffer = new byte[40];
        Assert.Equal(times.Select(t => Encoding.UTF8.GetString(buffer, 0, K6NdjsonWriter.FormatTime(t, buffer))), written);
        Assert.Equal("2025-11-25T22:33:16.000000001Z", written[3]);
        Assert.Equal("2025-11-25T22:33:16Z", written[2]);
    }

    [Fact]
    public void K6s_percentile_reproduces_the_real_summary_export()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "k6");
        var chat = File.ReadLines(Path.Combine(fixtures, "k6-run-B.ndjson"))
            .Where(l => l.Contains("\"metric\":\"http_req_duration\",\"type\":\"Point\"") && l.Contains("\"name\":\"chat\""))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("data").GetProperty("value").GetDouble())
            .Order().ToArray();
        var summary = K6SummaryExport.Parse(File.ReadAllText(Path.Combine(fixtures, "k6-run-B.summary.json")));

        Assert.Equal(summary.Value("http_req_duration{name:chat}", "p(95)")!.Value, K6Percentile.Of(chat, 0.95), 9);
        Assert.Equal(summary.Value("http_req_duration{name:chat}", "p(90)")!.Value, K6Percentile.Of(chat, 0.90), 9);
        Assert.Equal(summary.Value("http_req_duration{name:chat}", "med")!.Value, K6Percentile.Of(chat, 0.5), 9);
        Assert.Contains(summary.Thresholds(), t => t.Rule.Key == "http_req_failed" && t.Rule.Expression == "rate<0.1" && t.Passed == true);
    }
}
