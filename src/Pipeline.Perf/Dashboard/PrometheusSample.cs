namespace Pipeline.Perf.Dashboard;

/// <summary>One sample line of the Prometheus text exposition format.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
