using Pipeline.Core.Errors;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Thresholds typed by the user (<see cref="SummarizeSettings.Thresholds"/>). Those of the scenario file come from
/// <see cref="Scenario.LoadScenario.ThresholdRules"/>, the one reader of that format.
/// </summary>
internal static class ThresholdArguments
{
    /// <summary>Parses <c>"http_req_duration{name:chat}=p(95)&lt;1000;http_req_failed=rate&lt;0.1"</c>.</summary>
    /// <exception cref="UserInputException">An item is not a threshold k6 would accept.</exception>
    public static IReadOnlyList<ThresholdRule> ParseList(IEnumerable<string> items) =>
        items.SelectMany(i => i.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(item =>
            {
                var equals = item.IndexOf('=');
                if (equals <= 0)
                    throw new UserInputException($"'{item}' is not metric=expression; write it like http_req_duration{{name:chat}}=p(95)<1000.")
                    { Input = nameof(SummarizeSettings.Thresholds) };
                try
                {
                    return ThresholdRule.Parse(item[..equals], item[(equals + 1)..]);
                }
                catch (FormatException ex)
                {
                    throw new UserInputException(ex.Message, ex) { Input = nameof(SummarizeSettings.Thresholds) };
                }
            })
            .ToArray();
}
