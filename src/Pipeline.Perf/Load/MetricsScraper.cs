using Pipeline.Core.Http;
using Pipeline.Core.Redaction;

namespace Pipeline.Perf.Load;

/// <summary>Reads a Prometheus text exposition (the API's <c>/metrics</c>) for the before/after snapshots.</summary>
internal static class MetricsScraper
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The largest exposition read: a /metrics page is kilobytes to a few megabytes; more is a wrong URL or a hostile server.</summary>
    public const int MaxExpositionBytes = 64 << 20;

    public static async Task<string> ScrapeAsync(Uri metricsUrl, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var shown = SecretRedactor.Global.Redact(UrlCredentials.Mask(metricsUrl.OriginalString));
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // The timeout covers the body too: HttpClient.Timeout stops counting once the headers are in.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            using var response = await client.GetAsync(metricsUrl, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
                throw new MetricsScrapeException($"{shown} answered HTTP {(int)response.StatusCode}; check --metrics-url (it must serve Prometheus text).");
            var text = await BoundedContent.ReadStringAsync(response.Content, MaxExpositionBytes, deadline.Token);
            if (!text.Contains("# TYPE", StringComparison.Ordinal) && !text.Contains("# HELP", StringComparison.Ordinal) && text.Trim().Length > 0 && text.TrimStart().StartsWith('<'))
                throw new MetricsScrapeException($"{shown} did not answer Prometheus text (it looks like HTML); check --metrics-url.");
            return text;
        }
        catch (ContentTooLargeException exception)
        {
            throw new MetricsScrapeException($"{shown} answered more than {ContentTooLargeException.Describe(exception.MaxBytes)}: not a /metrics exposition; check --metrics-url or leave it out to skip the server snapshots.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new MetricsScrapeException($"Could not read {shown}: {exception.Message}. Fix --metrics-url or leave it out to skip the server snapshots.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricsScrapeException($"{shown} did not answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s; fix --metrics-url or leave it out.", exception);
        }
    }
}
