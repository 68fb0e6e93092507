using System.Text.Json.Nodes;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads P95 per endpoint from Summarize's <c>metrics-p95-YYYYMMDD.json</c> without depending on its exact
/// layout: any object that names an endpoint (<c>name</c>/<c>endpoint</c>, or the key it sits under) and
/// carries a P95 (<c>p95</c>, <c>p95Ms</c>, <c>p(95)</c>, <c>clientP95Ms</c>...), a dashboard P95
/// (<c>dashboardP95Ms</c>, <c>serverP95Ms</c>, or <c>dashboard.p95</c>) or a delta (<c>deltaPercent</c>) counts.
/// When both P95s are there the delta is recomputed as |client − dashboard| / dashboard.
/// Summarize's own layout (schemaVersion 1) is read field by field first: <c>endpoints[].name</c>,
/// <c>endpoints[].latency.p95</c>, <c>delta.endpoints[].{endpoint, clientP95Ms, dashboardP95Ms}</c>,
/// <c>delta.maxDelta</c> (a ratio), <c>overallStatus.total</c> or <c>overall.count</c> for the request count.
/// </summary>
internal static class P95MetricsReader
{
    private static readonly string[] NameKeys = ["name", "endpoint", "tag"];
    private static readonly string[] ClientKeys = ["p95ms", "p95", "clientp95ms", "clientp95", "scriptp95ms", "scriptp95"];
    private static readonly string[] DashboardKeys = ["dashboardp95ms", "dashboardp95", "serverp95ms", "serverp95"];
    private static readonly string[] DeltaPercentKeys = ["deltapercent", "deltapct", "deltap95percent"];
    private static readonly string[] DeltaRatioKeys = ["deltaratio", "deltafraction", "delta"];
    private static readonly string[] NestedDashboardKeys = ["dashboard", "server"];
    private static readonly string[] LimitKeys = ["maxdeltapercent", "maxdelta", "deltalimitpercent", "deltalimit"];
    private static readonly string[] RequestKeys = ["requests", "totalrequests", "requestcount", "httpreqs"];

    public sealed record Result(IReadOnlyList<EndpointP95> Endpoints, double? MaxDeltaPercent, long? Requests);

    public static Result? Read(string path)
    {
        var root = JsonFigures.TryParseFile(path);
        if (root is null) return null;
        if (ReadSummarizeLayout(root) is { } known) return known;
        var endpoints = new Dictionary<string, EndpointP95>(StringComparer.OrdinalIgnoreCase);
        double? limit = null;
        long? requests = null;
        Walk(root, parentKey: null, endpoints, ref limit, ref requests, depth: 0);
        return new Result(endpoints.Values.ToList(), limit, requests);
    }

    private static void Walk(JsonNode? node, string? parentKey, Dictionary<string, EndpointP95> endpoints, ref double? limit, ref long? requests, int depth)
    {
        if (depth > 8) return;
        if (node is JsonArray array)
        {
            foreach (var item in array) Walk(item, parentKey, endpoints, ref limit, ref requests, depth + 1);
            return;
        }
        if (node is not JsonObject obj) return;

        limit ??= JsonFigures.Number(JsonFigures.Property(obj, LimitKeys)?.Value) is { } l ? Percent(l) : null;
        if (depth <= 2 && requests is null && JsonFigures.Number(JsonFigures.Property(obj, RequestKeys)?.Value) is { } r) requests = (long)r;

        var client = JsonFigures.Number(JsonFigures.Property(obj, ClientKeys)?.Value);
        var dashboard = JsonFigures.Number(JsonFigures.Property(obj, DashboardKeys)?.Value)
            ?? JsonFigures.Number(JsonFigures.Property(JsonFigures.Property(obj, NestedDashboardKeys)?.Value, ClientKeys)?.Value);
        var delta = JsonFigures.Number(JsonFigures.Property(obj, DeltaPercentKeys)?.Value)
            ?? (JsonFigures.Number(JsonFigures.Property(obj, DeltaRatioKeys)?.Value) is { } ratio ? Percent(ratio) : null);
        var name = JsonFigures.Text(JsonFigures.Property(obj, NameKeys)?.Value) ?? parentKey;
        if (name is not null && (client is not null || dashboard is not null || delta is not null))
        {
            endpoints.TryGetValue(name, out var known);
            client ??= known?.ClientP95Ms;
            dashboard ??= known?.DashboardP95Ms;
            if (client is not null && dashboard is > 0) delta = Math.Abs(client.Value - dashboard.Value) / dashboard.Value * 100;
            delta ??= known?.DeltaPercent;
            endpoints[name] = new EndpointP95(name, client, dashboard, delta);
        }

        foreach (var (key, value) in obj)
        {
            if (value is JsonObject or JsonArray) Walk(value, key, endpoints, ref limit, ref requests, depth + 1);
        }
    }

    private static Result? ReadSummarizeLayout(JsonNode root)
    {
        if (root["schemaVersion"] is null || root["endpoints"] is not JsonArray list || list.Any(e => e?["latency"] is not JsonObject)) return null;
        var endpoints = new Dictionary<string, EndpointP95>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in list)
        {
            if (JsonFigures.Text(endpoint?["name"]) is not { } name) continue;
            endpoints[name] = new EndpointP95(name, JsonFigures.Number(endpoint!["latency"]?["p95"]), null, null);
        }
        if (root["delta"]?["endpoints"] is JsonArray deltas)
        {
            foreach (var delta in deltas)
            {
                if (JsonFigures.Text(delta?["endpoint"]) is not { } name) continue;
                var client = JsonFigures.Number(delta!["clientP95Ms"]) ?? endpoints.GetValueOrDefault(name)?.ClientP95Ms;
                var dashboard = JsonFigures.Number(delta["dashboardP95Ms"]);
                double? percent = client is not null && dashboard is > 0
                    ? Math.Abs(client.Value - dashboard.Value) / dashboard.Value * 100
                    : JsonFigures.Number(delta["delta"]) * 100;
                endpoints[name] = new EndpointP95(name, client, dashboard, percent);
            }
        }
        var limit = JsonFigures.Number(root["delta"]?["maxDelta"]) is { } ratio ? Percent(ratio) : (double?)null;
        var requests = JsonFigures.Number(root["overallStatus"]?["total"]) ?? JsonFigures.Number(root["overall"]?["count"]);
        return new Result(endpoints.Values.ToList(), limit, requests is { } r ? (long)r : null);
    }

    // A limit or delta below 1 is a fraction (0.1), above it a percentage (10).
    private static double Percent(double value) => Math.Abs(value) <= 1 ? value * 100 : value;
}
