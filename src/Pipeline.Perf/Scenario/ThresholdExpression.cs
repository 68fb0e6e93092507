using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Perf.Scenario;

/// <summary>
/// One k6 threshold expression such as <c>p(95)&lt;1000</c> or <c>rate&lt;0.01</c>: an aggregation of a
/// metric, a comparison and a number. <see cref="Passes"/> is what k6 reports as "not failed".
/// </summary>
public sealed partial record ThresholdExpression(string Text, string Aggregation, string Operator, double Limit)
{
    /// <summary>The percentile for <c>p(N)</c> aggregations, as a fraction (0.95), else null.</summary>
    public double? Percentile =>
        Aggregation.StartsWith("p(", StringComparison.Ordinal)
            ? double.Parse(Aggregation[2..^1], CultureInfo.InvariantCulture) / 100
            : null;

    public static ThresholdExpression Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
            throw new FormatException(
                $"'{text}' is not a k6 threshold. Write <aggregation><operator><number>, e.g. 'p(95)<1000' or 'rate<0.01' " +
                "(aggregations: avg, min, max, med, count, rate, value, p(N); operators: <, <=, >, >=, ==, !=).");
        var op = match.Groups["op"].Value == "===" ? "==" : match.Groups["op"].Value;
        return new ThresholdExpression(text, match.Groups["agg"].Value, op,
            double.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture));
    }

    public static bool TryParse(string text, out ThresholdExpression? expression)
    {
        try { expression = Parse(text); return true; }
        catch (FormatException) { expression = null; return false; }
    }

    /// <summary>Whether an observed value satisfies the expression.</summary>
    public bool Passes(double observed) => Operator switch
    {
        "<" => observed < Limit,
        "<=" => observed <= Limit,
        ">" => observed > Limit,
        ">=" => observed >= Limit,
        "==" => observed == Limit,
        "!=" => observed != Limit,
        _ => throw new InvalidOperationException($"Unknown operator {Operator}"),
    };

    [GeneratedRegex(@"^\s*(?<agg>avg|min|max|med|count|rate|value|p\(\d+(\.\d+)?\))\s*(?<op><=|>=|===|==|!=|<|>)\s*(?<limit>-?\d+(\.\d+)?)\s*$")]
    private static partial Regex Pattern();
}
