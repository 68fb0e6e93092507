namespace Pipeline.Perf.Dashboard;

/// <summary>Reads the server-side P95 from the configured source (see <see cref="DashboardSettings"/> for precedence).</summary>
public static class DashboardReader
{
    /// <returns>Null when no source is configured.</returns>
    public static async Task<DashboardReading?> ReadAsync(DashboardSettings settings, HttpClient? http, CancellationToken cancellationToken)
    {
        if (settings.ManualP95 is not null) return ManualDashboardP95.Parse(settings.ManualP95);
        if (settings.PrometheusUrl is not null)
        {
            if (http is not null) return await new PrometheusQueryClient(http).QueryAsync(settings, cancellationToken);
            using var owned = new HttpClient();
            return await new PrometheusQueryClient(owned).QueryAsync(settings, cancellationToken);
        }
        if (settings.SnapshotBefore is not null && settings.SnapshotAfter is not null)
            return SnapshotDelta.Read(settings.SnapshotBefore, settings.SnapshotAfter, settings);
        return null;
    }
}
