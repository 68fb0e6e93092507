namespace Pipeline.Perf.Statistics;

/// <summary>One endpoint (k6's <c>name</c> tag): its latency, what it answered (unknown for a summary export) and its failure rate.</summary>
public sealed record EndpointStatistics(string Name, TrendStatistics Latency, StatusBreakdown? Status, double? FailedRate);
