using Pipeline.Perf.Charts;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Tests.K6Results;
using SkiaSharp;

namespace Pipeline.Perf.Tests.Charts;

public sealed class LatencyChartTests
{
    [Fact]
    public void Renders_a_png_of_the_documented_size_with_both_p95_markers_drawn()
    {
        var run = K6ResultReader.Read([K6Fixture.Ndjson]);
        var withDashboard = LatencyChart.RenderPng(run, new Dictionary<string, double> { ["chat"] = 150 }, "test");
        var withoutDashboard = LatencyChart.RenderPng(run, null, "test");

        using var bitmap = SKBitmap.Decode(withDashboard);
        Assert.Equal(LatencyChart.Width, bitmap.Width);
        Assert.Equal(LatencyChart.Height, bitmap.Height);
        // The dashboard marker (and its legend entry) changes the picture: it is really drawn.
        Assert.NotEqual(withoutDashboard, withDashboard);
        Assert.True(CountColored(bitmap) > 1_000, "the chart should contain coloured data, not only axes");
    }

    [Fact]
    public void A_summary_export_still_gets_a_chart_with_the_p95_markers()
    {
        var run = K6ResultReader.Read([K6Fixture.SummaryExport]);
        using var bitmap = SKBitmap.Decode(LatencyChart.RenderPng(run, new Dictionary<string, double> { ["chat"] = 150 }, "export"));
        Assert.Equal(LatencyChart.Height, bitmap.Height);
    }

    private static int CountColored(SKBitmap bitmap)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        for (var x = 0; x < bitmap.Width; x += 2)
        {
            var c = bitmap.GetPixel(x, y);
            if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60) count++;
        }
        return count;
    }
}
