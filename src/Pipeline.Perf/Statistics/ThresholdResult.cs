namespace Pipeline.Perf.Statistics;

/// <summary>A rule and its verdict; <see cref="Passed"/> is null when the results do not carry the aggregate.</summary>
public sealed record ThresholdResult(ThresholdRule Rule, double? Observed, bool? Passed, string Source)
{
    /// <summary>Why the rule could not be evaluated (<see cref="Passed"/> null), e.g. "the results have no points for ...".</summary>
    public string? NotEvaluatedBecause { get; init; }

    /// <summary>One line naming the rule and why it was not evaluated; null when it was.</summary>
    internal string? NotEvaluatedLine => Passed is null
        ? $"Threshold {Rule.Key} {Rule.Expression} (from {Source}) could not be evaluated: {NotEvaluatedBecause ?? "the results do not carry that figure"}."
        : null;
}
