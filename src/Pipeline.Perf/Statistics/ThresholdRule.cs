using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Perf.Statistics;

/// <summary>
/// A pass/fail rule on one metric, in k6's words: metric <c>http_req_duration</c>, optional tag filter
/// <c>name:chat</c>, expression <c>p(95)&lt;1000</c>. The scenario file, a k6 summary export and the
/// NDJSON <c>Metric</c> lines all state thresholds this way, so one model serves them all.
/// </summary>
public sealed partial record ThresholdRule(string Metric, string? TagKey, string? TagValue, string Aggregate, string Operator, double Bound)
{
    /// <summary>The k6 key: <c>http_req_duration{name:chat}</c>.</summary>
    public string Key => TagKey is null ? Metric : $"{Metric}{{{TagKey}:{TagValue}}}";

    public string Expression => $"{Aggregate}{Operator}{Bound.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The endpoint this rule is about, when its filter is k6's <c>name</c> tag.</summary>
    public string? Endpoint => TagKey == "name" ? TagValue : null;

    /// <summary>Parses a k6 key (<c>http_req_duration{name:chat}</c>) and expression (<c>p(95)&lt;1000</c>).</summary>
    public static ThresholdRule Parse(string key, string expression)
    {
        var keyMatch = KeyPattern().Match(key.Trim());
        if (!keyMatch.Success)
            throw new FormatException($"Threshold key '{key}' is not a k6 metric key; write it like http_req_duration or http_req_duration{{name:chat}}.");
        var expressionMatch = ExpressionPattern().Match(expression.Replace(" ", "", StringComparison.Ordinal));
        if (!expressionMatch.Success)
            throw new FormatException($"Threshold '{expression}' on {key} is not understood; write it like p(95)<1000, avg<200, rate<0.10 or count>100.");
        var aggregate = expressionMatch.Groups["agg"].Value;
        if (aggregate.StartsWith("p(", StringComparison.Ordinal))
        {
            var p = double.Parse(aggregate[2..^1], CultureInfo.InvariantCulture);
            if (p is < 0 or > 100) throw new FormatException($"Threshold '{expression}': a percentile is between 0 and 100.");
        }
        return new ThresholdRule(
            keyMatch.Groups["metric"].Value,
            keyMatch.Groups["tag"].Success ? keyMatch.Groups["tag"].Value : null,
            keyMatch.Groups["value"].Success ? keyMatch.Groups["value"].Value : null,
            aggregate,
            expressionMatch.Groups["op"].Value,
            double.Parse(expressionMatch.Groups["bound"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>True when <paramref name="observed"/> satisfies the rule.</summary>
    public bool IsMet(double observed) => Operator switch
    {
        "<" => observed < Bound,
        "<=" => observed <= Bound,
        ">" => observed > Bound,
        ">=" => observed >= Bound,
        "==" or "===" => observed == Bound,
        "!=" => observed != Bound,
        _ => throw new InvalidOperationException($"Unknown operator {Operator}"),
    };

    [GeneratedRegex(@"^(?<metric>[A-Za-z_][A-Za-z0-9_]*)(\{(?<tag>[A-Za-z_][A-Za-z0-9_]*):(?<value>[^}]*)\})?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^(?<agg>avg|min|max|med|count|rate|value|p\([0-9]+(\.[0-9]+)?\))(?<op><=|>=|===|==|!=|<|>)(?<bound>-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)$")]
    private static partial Regex ExpressionPattern();
}
