using Pipeline.Perf.Reporting;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Tests.Reporting;

public sealed class AnomalyFinderTests
{
    private static StatusBreakdown Answers(long ok, long redirects) =>
        StatusBreakdown.Empty with
        {
            Total = ok + redirects, Success2xx = ok, Redirect3xx = redirects,
            ByStatus = new Dictionary<int, long> { [200] = ok, [302] = redirects },
        };

    private static RunStatistics Run(StatusBreakdown? overall, params EndpointStatistics[] endpoints) => new()
    {
        Source = ResultSource.Samples, Files = ["run.json"], Overall = TrendStatistics.Empty, OverallStatus = overall,
        Endpoints = endpoints, DurationSeconds = 60,
    };

    private static EndpointStatistics Endpoint(string name, StatusBreakdown? status) =>
        new(name, TrendStatistics.Empty with { Count = status?.Total ?? 1000 }, status, 0);

    [Fact]
    public void An_endpoint_answering_mostly_redirects_is_an_anomaly_that_says_what_the_latencies_are()
    {
        var anomalies = AnomalyFinder.Find(Run(Answers(1013, 87), Endpoint("chat", Answers(13, 87)), Endpoint("sync-jobs", Answers(1000, 0))), [], null, []);

        Assert.Equal(
            ["chat: 87 % of responses were redirects (3xx): the API may be redirecting every request (login page, http→https); the latencies are of the redirects, not of the API's work."],
            anomalies);
    }

    [Fact]
    public void Half_redirects_or_fewer_is_no_anomaly()
    {
        Assert.Empty(AnomalyFinder.Find(Run(Answers(100, 100), Endpoint("chat", Answers(100, 100))), [], null, []));
    }

    [Fact]
    public void Without_answers_per_endpoint_the_runs_share_of_redirects_speaks()
    {
        var anomalies = AnomalyFinder.Find(Run(Answers(10, 990), Endpoint("chat", null)), [], null, []);

        Assert.Contains("The run: 99 % of responses were redirects (3xx): the API may be redirecting every request", Assert.Single(anomalies));
    }
}
