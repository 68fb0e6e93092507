namespace Pipeline.Perf.Dashboard;

/// <summary>Reads the server-side P95 from the configured source (see <see cref="DashboardSettings"/> for precedence).</summary>
internal static class DashboardReader
{
    /// <returns>Null when no source is configured.</returns>
    /// <exception cref="DashboardInputException">The typed figures, the snapshots or the Prometheus answer cannot be read.</exception>
    public static async Task<DashboardReading?> ReadAsync(DashboardSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings.ManualP95 is not null) return ManualDashboardP95.Parse(settings.ManualP95);
            if (settings.PrometheusUrl is not null)
            {
                using var http = new HttpClient();
                return await new PrometheusQueryClient(http).QueryAsync(settings, cancellationToken);
            }
            if (settings.SnapshotBefore is not null && settings.SnapshotAfter is not null)
                return SnapshotDelta.Read(settings.SnapshotBefore, settings.SnapshotAfter, settings);
            return null;
        }
        // The parsers throw the BCL's exceptions (Prometheus' client words its own); to the run they are wrong input, one line.
        // Typed figures are one setting's value; a snapshot's message names its file.
        catch (Exception exception) when (exception is FormatException or FileNotFoundException)
        {
            throw new DashboardInputException(exception.Message, exception) { Input = settings.ManualP95 is null ? null : nameof(DashboardSettings.ManualP95) };
        }
    }
}
