namespace Pipeline.Perf.Dashboard;

/// <summary>
/// Client (script) P95 against the dashboard's for one endpoint. <see cref="Delta"/> = |script - dashboard| / dashboard.
/// Null figures mean the endpoint was seen on one side only.
/// </summary>
public sealed record P95Delta(string Endpoint, double? ClientP95Ms, double? DashboardP95Ms, double? Delta, bool OverLimit)
{
    public static IReadOnlyList<P95Delta> Compare(IReadOnlyDictionary<string, double?> client, DashboardReading dashboard, double maxDelta)
    {
        var names = client.Keys.Union(dashboard.P95Ms.Keys).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
        return names.Select(name =>
        {
            var script = client.GetValueOrDefault(name);
            double? server = dashboard.P95Ms.TryGetValue(name, out var d) ? d : null;
            double? delta = script is { } s && server is > 0 ? Math.Abs(s - server.Value) / server.Value : null;
            return new P95Delta(name, script, server, delta, delta > maxDelta);
        }).Where(d => d.DashboardP95Ms is not null).ToArray();
    }
}
