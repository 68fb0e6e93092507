namespace Pipeline.Perf.Statistics;

/// <summary>
/// Collects samples while a reader streams them: per endpoint one latency array and a few counters, per
/// other metric a handful of numbers. Several shards fed into one accumulator give exactly the statistics of
/// the whole run, because percentiles are computed from every value, not merged from partial percentiles.
/// </summary>
internal sealed class RunAccumulator
{
    /// <summary>
    /// The most endpoints (k6 <c>name</c> tags) the statistics list one by one: the busiest; the others are summed
    /// in one "other" row. A run with more distinct names is tagging raw URLs (k6 warns about such cardinality too).
    /// </summary>
    public const int MaxEndpointsListed = 1_000;

    /// <summary>Distinct names told apart while reading; requests of names first seen after these go straight to "other".</summary>
    public const int MaxEndpointsTracked = 10_000;

    private readonly Dictionary<string, EndpointSeries> _endpoints = new(StringComparer.Ordinal);
    private readonly EndpointSeries _untracked = new();
    private readonly Dictionary<string, MetricSeries> _metrics = new(StringComparer.Ordinal);
    private readonly RunningTotals _overall = new();
    private readonly RunningTotals _expected = new();
    private readonly List<ThresholdRule> _declaredThresholds = [];
    private readonly List<string> _notes = [];
    private long _firstTicks = long.MaxValue;
    private long _lastTicks = long.MinValue;

    /// <param name="trackTrendValues">
    /// Trend metrics besides the latency whose values are kept for percentiles (costs 8 bytes per sample each);
    /// others get count, avg, min and max only.
    /// </param>
    public RunAccumulator(IEnumerable<string>? trackTrendValues = null)
    {
        TrackedTrends = new HashSet<string>(trackTrendValues ?? [], StringComparer.Ordinal);
    }

    public IReadOnlySet<string> TrackedTrends { get; }
    public long Requests => _overall.Count;

    /// <summary>One <c>http_req_duration</c> sample.</summary>
    public void AddRequest(string endpoint, bool expectedResponse, int status, string? errorCode, double durationMs)
    {
        if (!_endpoints.TryGetValue(endpoint, out var series))
        {
            if (_endpoints.Count < MaxEndpointsTracked) _endpoints[endpoint] = series = new EndpointSeries();
            else series = _untracked;
        }
        series.Totals.Add(durationMs);
        (expectedResponse ? series.Expected : series.Unexpected).Add(durationMs);
        series.Status.Add(status, errorCode);
        _overall.Add(durationMs);
        if (expectedResponse) _expected.Add(durationMs);
    }

    /// <summary>A sample of any other metric.</summary>
    public void AddSample(string metric, MetricKind kind, double value)
    {
        if (!_metrics.TryGetValue(metric, out var series))
            _metrics[metric] = series = new MetricSeries(kind, kind == MetricKind.Trend && TrackedTrends.Contains(metric));
        series.Add(value);
    }

    /// <summary>The time of a sample, for the run's span and therefore every rate.</summary>
    public void ObserveTime(long utcTicks)
    {
        if (utcTicks < _firstTicks) _firstTicks = utcTicks;
        if (utcTicks > _lastTicks) _lastTicks = utcTicks;
    }

    public void DeclareThreshold(ThresholdRule rule)
    {
        if (!_declaredThresholds.Contains(rule)) _declaredThresholds.Add(rule);
    }

    /// <summary>Something the report should mention that is not an error (an unmodelled threshold...).</summary>
    public void Note(string note)
    {
        if (!_notes.Contains(note)) _notes.Add(note);
    }

    public RunStatistics Build(IReadOnlyList<string> files, long lines, long skippedLines, IReadOnlyList<string> skipReasons)
    {
        DateTimeOffset? first = _firstTicks == long.MaxValue ? null : new DateTimeOffset(_firstTicks, TimeSpan.Zero);
        DateTimeOffset? last = _lastTicks == long.MinValue ? null : new DateTimeOffset(_lastTicks, TimeSpan.Zero);
        double? duration = first is null ? null : (last!.Value - first.Value).TotalSeconds;

        var endpointSeries = ListedEndpoints(out var otherNote);
        if (otherNote is not null) Note(otherNote);
        var all = endpointSeries.Values.SelectMany(e => new[] { e.Expected, e.Unexpected }).ToArray();
        SortedUnion.SortAll(all);
        var expectedOnly = endpointSeries.Values.Select(e => e.Expected).ToArray();
        var overallStatus = new StatusCounter();
        foreach (var series in endpointSeries.Values) overallStatus.AddFrom(series.Status);

        var endpoints = endpointSeries
            .OrderBy(kv => kv.Key == OtherName ? 1 : 0).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new EndpointStatistics(
                kv.Key,
                TrendStatistics.From(kv.Value.Totals, [kv.Value.Expected, kv.Value.Unexpected], duration),
                kv.Value.Status.ToBreakdown(),
                kv.Value.Totals.Count == 0 ? null : (double)kv.Value.Unexpected.Count / kv.Value.Totals.Count))
            .ToArray();

        var metrics = _metrics.ToDictionary(kv => kv.Key, kv => kv.Value.Summarize(kv.Key, duration), StringComparer.Ordinal);
        return new RunStatistics
        {
            Source = ResultSource.Samples,
            Files = files,
            Overall = TrendStatistics.From(_overall, all, duration),
            ExpectedResponseOnly = TrendStatistics.From(_expected, expectedOnly, duration),
            OverallStatus = overallStatus.ToBreakdown(),
            Endpoints = endpoints,
            Metrics = metrics,
            DeclaredThresholds = _declaredThresholds.ToArray(),
            FirstSample = first,
            LastSample = last,
            DurationSeconds = duration,
            Lines = lines,
            SkippedLines = skippedLines,
            SkipReasons = skipReasons,
            Notes = _notes.ToArray(),
            ExactPercentile = (endpoint, p) =>
            {
                if (endpoint is null) return all.Sum(b => b.Count) == 0 ? null : SortedUnion.Percentiles(all, [p])[0];
                return endpointSeries.TryGetValue(endpoint, out var s) && s.Totals.Count > 0
                    ? SortedUnion.Percentiles([s.Expected, s.Unexpected], [p])[0]
                    : null;
            },
            Latencies = endpoint => endpointSeries.TryGetValue(endpoint, out var s) ? Enumerate(s.Expected).Concat(Enumerate(s.Unexpected)) : [],
        };
    }

    /// <summary>The row that sums the endpoints beyond <see cref="MaxEndpointsListed"/>.</summary>
    public const string OtherName = "(other endpoints)";

    // The busiest endpoints one by one and, past the limit, one "other" series summing the rest.
    private Dictionary<string, EndpointSeries> ListedEndpoints(out string? note)
    {
        note = null;
        if (_endpoints.Count <= MaxEndpointsListed && _untracked.Totals.Count == 0) return _endpoints;
        var ranked = _endpoints.OrderByDescending(kv => kv.Value.Totals.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        var listed = ranked.Take(MaxEndpointsListed).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var other = new EndpointSeries();
        foreach (var (_, series) in ranked.Skip(MaxEndpointsListed).Select(kv => (kv.Key, kv.Value)).Append((OtherName, _untracked)))
        {
            other.Totals.AddFrom(series.Totals);
            other.Expected.AddFrom(series.Expected);
            other.Unexpected.AddFrom(series.Unexpected);
            other.Status.AddFrom(series.Status);
        }
        listed[OtherName] = other;
        var distinct = _untracked.Totals.Count > 0 ? $"more than {MaxEndpointsTracked:N0}" : $"{_endpoints.Count:N0}";
        note = $"{distinct} distinct endpoint names (k6 name tag): the {MaxEndpointsListed:N0} with the most requests are listed, " +
               $"the other {other.Totals.Count:N0} requests are summed as '{OtherName}'. Give requests to the same endpoint one name tag (k6 warns about high-cardinality tags too).";
        return listed;
    }

    private static IEnumerable<double> Enumerate(LatencyBuffer buffer)
    {
        for (var i = 0; i < buffer.Count; i++) yield return buffer[i];
    }

    private sealed class EndpointSeries
    {
        public RunningTotals Totals { get; } = new();
        public LatencyBuffer Expected { get; } = new();
        public LatencyBuffer Unexpected { get; } = new();
        public StatusCounter Status { get; } = new();
    }

    private sealed class MetricSeries(MetricKind kind, bool keepValues)
    {
        private readonly RunningTotals _totals = new();
        private readonly LatencyBuffer? _values = keepValues ? new LatencyBuffer() : null;
        private long _passes;
        private double _last;

        public void Add(double value)
        {
            _totals.Add(value);
            _values?.Add(value);
            if (kind == MetricKind.Rate && value != 0) _passes++;
            _last = value;
        }

        public MetricSummary Summarize(string name, double? duration) => kind switch
        {
            MetricKind.Counter => new MetricSummary(name, kind, Count: _totals.Sum, Rate: duration is > 0 ? _totals.Sum / duration.Value : null),
            MetricKind.Rate => new MetricSummary(name, kind, Passes: _passes, Fails: _totals.Count - _passes,
                Value: _totals.Count == 0 ? 0 : (double)_passes / _totals.Count),
            MetricKind.Gauge => new MetricSummary(name, kind, Value: _last, Min: _totals.Min, Max: _totals.Max),
            _ => new MetricSummary(name, kind, Trend: _values is not null
                ? TrendStatistics.From(_totals, [_values], duration)
                : new TrendStatistics(_totals.Count, null, _totals.Count == 0 ? null : _totals.Sum / _totals.Count,
                    _totals.Min, null, null, null, null, _totals.Max)),
        };
    }
}
