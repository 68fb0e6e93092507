namespace Pipeline.Perf.Dashboard;

/// <summary>
/// The server-side P95 of the run from two /metrics snapshots: the histogram's bucket counts after the run
/// minus those before it (what <c>increase()</c> gives Prometheus), then <see cref="HistogramQuantile"/>.
/// </summary>
internal static class SnapshotDelta
{
    public static DashboardReading Read(string beforePath, string afterPath, DashboardSettings settings)
    {
        var beforeSamples = Load(beforePath);
        var afterSamples = Load(afterPath);
        var notes = new List<string>();
        var metric = settings.HistogramMetric;
        if (!afterSamples.Any(s => s.Name == metric + "_bucket") && OnlyHistogramWithLabel(afterSamples, settings.EndpointLabel) is { } found)
        {
            // The API names its histogram differently: one histogram with the endpoint label is unambiguous.
            notes.Add($"the snapshots have no {metric}; the only histogram with an '{settings.EndpointLabel}' label, {found}, was used (set --dashboard-metric to silence this).");
            settings = settings with { HistogramMetric = found };
        }
        var before = Buckets(beforeSamples, settings, beforePath);
        var after = Buckets(afterSamples, settings, afterPath);
        if (after.Count == 0)
            throw new FormatException($"{afterPath}: no {settings.HistogramMetric}_bucket series with label '{settings.EndpointLabel}'. " +
                "Check the metric name (--dashboard-metric) and that the API exposes it at /metrics.");

        var p95 = new Dictionary<string, double>(StringComparer.Ordinal);
        var bounds = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var observations = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (endpoint, afterBuckets) in after.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var beforeBuckets = before.GetValueOrDefault(endpoint) ?? new Dictionary<double, double>();
            var reset = afterBuckets.Any(b => b.Value < beforeBuckets.GetValueOrDefault(b.Key));
            if (reset) notes.Add($"{endpoint}: counters went down between the snapshots (the API restarted); the after snapshot is used alone.");
            var delta = afterBuckets.Select(b => new HistogramBucket(b.Key, reset ? b.Value : b.Value - beforeBuckets.GetValueOrDefault(b.Key))).ToArray();
            var (value, lower, upper) = HistogramQuantile.Locate(settings.Quantile, delta);
            var total = delta.Where(b => double.IsPositiveInfinity(b.UpperBound)).Select(b => b.CumulativeCount).FirstOrDefault();
            if (double.IsNaN(value))
            {
                notes.Add($"{endpoint}: no requests between the snapshots (or no +Inf bucket); no server-side P95.");
                continue;
            }
            p95[endpoint] = value * settings.ValueToMilliseconds;
            bounds[endpoint] = (lower * settings.ValueToMilliseconds, upper * settings.ValueToMilliseconds);
            observations[endpoint] = total;
        }
        return new DashboardReading(DashboardSource.Snapshots,
            $"histogram_quantile({settings.Quantile}) over the bucket deltas of {settings.HistogramMetric} between {Path.GetFileName(beforePath)} and {Path.GetFileName(afterPath)}",
            p95)
        {
            Buckets = bounds,
            Observations = observations,
            Notes = notes,
        };
    }

    private static string? OnlyHistogramWithLabel(IReadOnlyList<PrometheusSample> samples, string label)
    {
        var names = samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels.ContainsKey(label) && s.Labels.ContainsKey("le"))
            .Select(s => s.Name[..^"_bucket".Length]).Distinct(StringComparer.Ordinal).ToArray();
        return names.Length == 1 ? names[0] : null;
    }

    private static IReadOnlyList<PrometheusSample> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Prometheus snapshot {path} not found; RunP95 writes it next to the k6 results (or give the dashboard's P95 figures by hand).", path);
        // A /metrics exposition is kilobytes to a few megabytes; a larger file is not one and is not read whole.
        if (new FileInfo(path).Length > Perf.Load.MetricsScraper.MaxExpositionBytes)
            throw new FormatException($"Prometheus snapshot {path} is larger than {Perf.Load.MetricsScraper.MaxExpositionBytes >> 20} MiB: not a /metrics exposition. Check the file, or give the dashboard's P95 figures by hand.");
        return PrometheusTextParser.Parse(File.ReadAllText(path), path);
    }

    // endpoint -> (le -> cumulative count), summed over other labels (method, status...) like sum by (le, endpoint).
    private static Dictionary<string, Dictionary<double, double>> Buckets(IReadOnlyList<PrometheusSample> samples, DashboardSettings settings, string path)
    {
        var bucketName = settings.HistogramMetric + "_bucket";
        var result = new Dictionary<string, Dictionary<double, double>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (sample.Name != bucketName || !sample.Labels.TryGetValue(settings.EndpointLabel, out var endpoint)) continue;
            if (!sample.Labels.TryGetValue("le", out var le) || !PrometheusTextParser.TryParseValue(le, out var bound))
                throw new FormatException($"{path}: a {bucketName} sample without a numeric 'le' label.");
            if (!result.TryGetValue(endpoint, out var buckets)) result[endpoint] = buckets = new Dictionary<double, double>();
            buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
        }
        return result;
    }
}
