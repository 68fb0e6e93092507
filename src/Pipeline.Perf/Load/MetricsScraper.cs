namespace Pipeline.Perf.Load;

/// <summary>Reads a Prometheus text exposition (the API's <c>/metrics</c>) for the before/after snapshots.</summary>
public static class MetricsScraper
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<string> ScrapeAsync(Uri metricsUrl, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = timeout ?? DefaultTimeout };
        try
        {
            using var response = await client.GetAsync(metricsUrl, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new MetricsScrapeException($"{metricsUrl} answered HTTP {(int)response.StatusCode}; check --metrics-url (it must serve Prometheus text).");
            if (!text.Contains("# TYPE", StringComparison.Ordinal) && !text.Contains("# HELP", StringComparison.Ordinal) && text.Trim().Length > 0 && text.TrimStart().StartsWith('<'))
                throw new MetricsScrapeException($"{metricsUrl} did not answer Prometheus text (it looks like HTML); check --metrics-url.");
            return text;
        }
        catch (HttpRequestException exception)
        {
            throw new MetricsScrapeException($"Could not read {metricsUrl}: {exception.Message}. Fix --metrics-url or leave it out to skip the server snapshots.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricsScrapeException($"{metricsUrl} did not answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s; fix --metrics-url or leave it out.", exception);
        }
    }
}
