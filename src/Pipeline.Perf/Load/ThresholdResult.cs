namespace Pipeline.Perf.Load;

/// <summary>One threshold after the run: the metric it applies to, the expression, the observed aggregate (when known) and the verdict.</summary>
public sealed record ThresholdResult(string Metric, string Expression, bool Passed, double? Observed)
{
    public override string ToString() =>
        $"{Metric} {Expression}: {(Passed ? "passed" : "CROSSED")}" + (Observed is { } o ? $" (observed {o:0.###})" : string.Empty);
}
