namespace Pipeline.Perf.Load;

/// <summary>
/// A k6 metric or submetric name: <c>http_req_duration</c> or <c>http_req_duration{name:chat}</c>, whose
/// tag filter selects the samples the submetric aggregates.
/// </summary>
public sealed record K6MetricName(string Metric, string? Suffix, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public string Full => Suffix is null ? Metric : $"{Metric}{{{Suffix}}}";

    public static K6MetricName Parse(string name)
    {
        var open = name.IndexOf('{');
        if (open < 0 || !name.EndsWith('}')) return new K6MetricName(name.Trim(), null, []);
        var suffix = name[(open + 1)..^1].Trim();
        var tags = suffix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split(':', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : string.Empty))
            .ToList();
        return new K6MetricName(name[..open].Trim(), suffix, tags);
    }
}
