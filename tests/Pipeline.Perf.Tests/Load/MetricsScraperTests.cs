using Pipeline.Perf.Load;

namespace Pipeline.Perf.Tests.Load;

public sealed class MetricsScraperTests
{
    [Fact]
    public async Task A_metrics_url_answering_a_gigabyte_is_refused_at_the_cap_without_holding_the_body()
    {
        await using var api = await TestApi.StartAsync();
        await MetricsScraper.ScrapeAsync(new Uri(api.BaseUri, "metrics-then-flood")); // the first answer is small
        var url = new UriBuilder(new Uri(api.BaseUri, "metrics-then-flood")) { UserName = "ops", Password = "s3cret-scrape" }.Uri;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var refused = await Assert.ThrowsAsync<MetricsScrapeException>(() => MetricsScraper.ScrapeAsync(url, TimeSpan.FromSeconds(60)));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal($"http://ops:***@{api.BaseUri.Authority}/metrics-then-flood answered more than 64 MiB: not a /metrics exposition; " +
                     "check --metrics-url or leave it out to skip the server snapshots.", refused.Message);
        Assert.True(allocated < 1L << 29, $"allocated {allocated >> 20} MiB while refusing a 1024 MiB answer");
    }
}
