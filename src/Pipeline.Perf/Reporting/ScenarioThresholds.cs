using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Reads thresholds in k6's options shape from a JSON file: <c>"thresholds": {"http_req_duration{name:chat}": ["p(95)&lt;1000"]}</c>,
/// at the top level or under <c>options</c>; entries may also be objects with a <c>threshold</c> string (k6's long form).
/// </summary>
public static class ScenarioThresholds
{
    public static IReadOnlyList<ThresholdRule> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (!root.TryGetProperty("thresholds", out var thresholds)
            && !(root.TryGetProperty("options", out var options) && options.TryGetProperty("thresholds", out thresholds)))
            return [];
        var rules = new List<ThresholdRule>();
        foreach (var metric in thresholds.EnumerateObject())
        {
            var entries = metric.Value.ValueKind == JsonValueKind.Array ? metric.Value.EnumerateArray().ToArray() : [metric.Value];
            foreach (var entry in entries)
            {
                var expression = entry.ValueKind == JsonValueKind.String ? entry.GetString()
                    : entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("threshold", out var t) ? t.GetString() : null;
                if (expression is null) throw new FormatException($"{path}: threshold on {metric.Name} is neither a string nor {{\"threshold\": \"...\"}}.");
                try
                {
                    rules.Add(ThresholdRule.Parse(metric.Name, expression));
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{path}: {ex.Message}", ex);
                }
            }
        }
        return rules;
    }

    /// <summary>Parses <c>--thresholds "http_req_duration{name:chat}=p(95)&lt;1000;http_req_failed=rate&lt;0.1"</c>.</summary>
    public static IReadOnlyList<ThresholdRule> ParseList(IEnumerable<string> items) =>
        items.SelectMany(i => i.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(item =>
            {
                var equals = item.IndexOf('=');
                if (equals <= 0) throw new FormatException($"Threshold '{item}' is not metric=expression; write it like http_req_duration{{name:chat}}=p(95)<1000.");
                return ThresholdRule.Parse(item[..equals], item[(equals + 1)..]);
            })
            .ToArray();
}
