using Pipeline.Core.Text;
using Pipeline.Perf.Statistics;
using ScottPlot;
using SkiaSharp;

namespace Pipeline.Perf.Charts;

/// <summary>
/// Renders <c>docs/screenshots/p95-dashboard-YYYYMMDD.png</c> with ScottPlot: on top the latency distribution
/// per endpoint with the client P95 (solid) and the dashboard P95 (dashed) marked, below the status counts.
/// </summary>
internal static class LatencyChart
{
    public const int Width = 1400;
    public const int Height = 1000;
    private const int Bins = 60;

    private static readonly Color[] Palette =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189), new(140, 86, 75),
    ];

    public static byte[] RenderPng(RunStatistics run, IReadOnlyDictionary<string, double>? dashboardP95Ms, string title)
    {
        var distribution = new Plot();
        var statuses = new Plot();
        DrawDistribution(distribution, run, dashboardP95Ms ?? new Dictionary<string, double>(), title);
        DrawStatuses(statuses, run);
        // Two plots stacked on one canvas: 60 % distribution, 40 % statuses.
        var topHeight = Height * 6 / 10;
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(SKColors.White);
        using (var top = Snapshot(distribution, Width, topHeight)) surface.Canvas.DrawImage(top, 0, 0);
        using (var bottom = Snapshot(statuses, Width, Height - topHeight)) surface.Canvas.DrawImage(bottom, 0, topHeight);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        // One PNG filter and light compression: five times faster to encode than Skia's default (every filter
        // tried per row, zlib level 6) for a file about 15 % larger; the picture is the same (PNG is lossless).
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 3));
        return png.ToArray();
    }

    /// <summary>
    /// Starts the renderer (loads Skia's native library and the fonts, runs ScottPlot's drawing code once) on a
    /// throwaway plot, so a caller can pay that cost while it does other work. Failures are left to the real
    /// render, which reports them.
    /// </summary>
    public static void WarmUp()
    {
        try
        {
            var plot = new Plot();
            plot.Title("warm-up");
            plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 }).LegendText = "warm-up";
            plot.Add.Bars(new double[] { 1 });
            plot.ShowLegend(Alignment.UpperRight);
            using var image = Snapshot(plot, 64, 64);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        }
        catch (Exception)
        {
            // the real render reports what is wrong (a missing native library, no fonts...)
        }
    }

    private static SKImage Snapshot(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(surface.Canvas, width, height);
        return surface.Snapshot();
    }

    private static void DrawDistribution(Plot plot, RunStatistics run, IReadOnlyDictionary<string, double> dashboard, string title)
    {
        plot.Title(title);
        plot.XLabel("Latency (ms)");
        var endpoints = Busiest(run.Endpoints.Where(e => e.Latency.Count is null or > 0 && e.Status?.NetworkErrors != e.Latency.Count));
        // The axis ends a little past the slowest figure that matters, so one outlier does not squash the picture.
        var right = endpoints.Select(e => e.Latency.P99 ?? e.Latency.Max ?? e.Latency.P95 ?? 0)
            .Concat(dashboard.Values).Concat(endpoints.Select(e => e.Latency.P95 ?? 0)).DefaultIfEmpty(1).Max() * 1.15;
        var width = right / Bins;
        double peakShare = 0;

        if (run.Latencies is not null)
        {
            plot.YLabel("Share of the endpoint's requests (%)");
            for (var i = 0; i < endpoints.Length; i++)
            {
                var e = endpoints[i];
                var counts = new double[Bins];
                long total = 0;
                foreach (var value in run.Latencies(e.Name))
                {
                    counts[Math.Clamp((int)(value / width), 0, Bins - 1)]++; // slower than the axis: last bin
                    total++;
                }
                var xs = Enumerable.Range(0, Bins).Select(b => (b + 0.5) * width).ToArray();
                var ys = counts.Select(c => total == 0 ? 0 : c * 100.0 / total).ToArray();
                peakShare = Math.Max(peakShare, ys.Max());
                var line = plot.Add.ScatterLine(xs, ys, Palette[i % Palette.Length]);
                line.LineWidth = 2;
                line.LegendText = $"{UntrustedText.Printable(e.Name)} ({e.Latency.Count:N0} requests)";
            }
        }
        else
        {
            plot.YLabel("(summary export: aggregates only, no distribution)");
        }

        for (var i = 0; i < endpoints.Length; i++)
        {
            var e = endpoints[i];
            var color = Palette[i % Palette.Length];
            if (e.Latency.P95 is { } p95)
            {
                var client = plot.Add.VerticalLine(p95, 2, color);
                client.LegendText = $"{UntrustedText.Printable(e.Name)} client P95 {p95:F0} ms";
            }
            if (dashboard.TryGetValue(e.Name, out var server))
            {
                var line = plot.Add.VerticalLine(server, 2, color);
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = $"{UntrustedText.Printable(e.Name)} dashboard P95 {server:F0} ms";
            }
        }
        // Explicit limits last, so autoscaling never shows negative latencies.
        plot.Axes.SetLimits(0, right, 0, run.Latencies is null ? 1 : Math.Max(1, peakShare * 1.1));
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 14;
    }

    private static void DrawStatuses(Plot plot, RunStatistics run)
    {
        plot.Title("Responses per endpoint");
        plot.YLabel("Requests");
        var endpoints = Busiest(run.Endpoints.Where(e => e.Status is not null));
        if (endpoints.Length == 0)
        {
            plot.XLabel("(summary export: no status breakdown)");
            return;
        }
        (string Name, Func<StatusBreakdown, long> Count, Color Color)[] groups =
        [
            ("2xx", s => s.Success2xx, new Color(44, 160, 44)),
            ("3xx", s => s.Redirect3xx, new Color(127, 127, 127)),
            ("429", s => s.TooManyRequests429, new Color(255, 187, 0)),
            ("other 4xx", s => s.OtherClientErrors4xx, new Color(255, 127, 14)),
            ("5xx", s => s.ServerErrors5xx, new Color(214, 39, 40)),
            ("network (status 0)", s => s.NetworkErrors, new Color(80, 80, 80)),
        ];
        var slot = groups.Length + 1;
        var ticks = new List<Tick>();
        for (var g = 0; g < groups.Length; g++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < endpoints.Length; i++)
            {
                var value = groups[g].Count(endpoints[i].Status!);
                bars.Add(new Bar { Position = i * slot + g, Value = value, FillColor = groups[g].Color, Label = value > 0 ? value.ToString("N0") : "" });
            }
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = groups[g].Name;
            plotted.ValueLabelStyle.FontSize = 13;
        }
        for (var i = 0; i < endpoints.Length; i++) ticks.Add(new Tick(i * slot + (groups.Length - 1) / 2.0, UntrustedText.Printable(endpoints[i].Name)));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 16;
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 14;
    }

    /// <summary>More endpoints than this make an unreadable chart; the report's tables list them all.</summary>
    public const int MaxEndpointsDrawn = 20;

    // The endpoints with the most requests, in the report's order.
    private static EndpointStatistics[] Busiest(IEnumerable<EndpointStatistics> endpoints)
    {
        var all = endpoints.ToArray();
        if (all.Length <= MaxEndpointsDrawn) return all;
        var kept = all.OrderByDescending(e => e.Latency.Count ?? 0).Take(MaxEndpointsDrawn).ToHashSet();
        return all.Where(kept.Contains).ToArray();
    }
}
