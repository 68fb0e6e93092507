using System.Text.Json;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Reads thresholds from the scenario file: per endpoint (<c>"endpoints": [{"name": "chat", "thresholds": ["p(95)&lt;1000"]}]</c>,
/// rules on that endpoint's <c>http_req_duration</c>) and in k6's options shape
/// (<c>"thresholds": {"http_req_failed": ["rate&lt;0.05"]}</c>, at the top level or under <c>options</c>; entries may
/// also be objects with a <c>threshold</c> string, k6's long form).
/// </summary>
public static class ScenarioThresholds
{
    public static IReadOnlyList<ThresholdRule> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var rules = new List<ThresholdRule>();
        if (root.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Array)
        {
            foreach (var endpoint in endpoints.EnumerateArray())
            {
                if (endpoint.ValueKind != JsonValueKind.Object || !endpoint.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !endpoint.TryGetProperty("thresholds", out var endpointThresholds)) continue;
                AddRules(path, $"{K6MetricNames.HttpReqDuration}{{{K6MetricNames.NameTag}:{name.GetString()}}}", endpointThresholds, rules);
            }
        }
        if (!root.TryGetProperty("thresholds", out var thresholds)
            && !(root.TryGetProperty("options", out var options) && options.TryGetProperty("thresholds", out thresholds)))
            return rules;
        if (thresholds.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{path}: \"thresholds\" must be an object like {{\"http_req_failed\": [\"rate<0.05\"]}}.");
        foreach (var metric in thresholds.EnumerateObject()) AddRules(path, metric.Name, metric.Value, rules);
        return rules;
    }

    private static void AddRules(string path, string key, JsonElement value, List<ThresholdRule> rules)
    {
        var entries = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
        foreach (var entry in entries)
        {
            {
                var expression = entry.ValueKind == JsonValueKind.String ? entry.GetString()
                    : entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("threshold", out var t) ? t.GetString() : null;
                if (expression is null) throw new FormatException($"{path}: threshold on {key} is neither a string nor {{\"threshold\": \"...\"}}.");
                try
                {
                    rules.Add(ThresholdRule.Parse(key, expression));
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{path}: {ex.Message}", ex);
                }
            }
        }
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
