namespace Pipeline.Perf.Statistics;

/// <summary>A rule and its verdict; <see cref="Passed"/> is null when the results do not carry the aggregate.</summary>
public sealed record ThresholdResult(ThresholdRule Rule, double? Observed, bool? Passed, string Source);
