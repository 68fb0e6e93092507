using Pipeline.Perf.Dashboard;

namespace Pipeline.Perf.Tests.Dashboard;

public sealed class HistogramQuantileTests
{
    private static HistogramBucket[] Buckets(params (double Le, double Count)[] buckets) =>
        buckets.Select(b => new HistogramBucket(b.Le, b.Count)).ToArray();

    [Fact]
    public void Interpolates_inside_the_bucket_holding_the_rank()
    {
        // 100 observations: 50 <= 0.1, 90 <= 0.5, 100 <= 1. rank 95 lies in (0.5, 1]: 0.5 + 0.5 * (95-90)/10.
        var buckets = Buckets((0.1, 50), (0.5, 90), (1, 100), (double.PositiveInfinity, 100));
        Assert.Equal(0.75, HistogramQuantile.Compute(0.95, buckets), 12);
        Assert.Equal(0.1 * 25 / 50, HistogramQuantile.Compute(0.25, buckets), 12); // first bucket starts at 0
    }

    [Fact]
    public void A_rank_in_the_infinite_bucket_returns_the_highest_finite_bound()
    {
        var buckets = Buckets((0.1, 10), (0.5, 20), (double.PositiveInfinity, 100));
        Assert.Equal(0.5, HistogramQuantile.Compute(0.95, buckets));
    }

    [Fact]
    public void No_observations_or_no_inf_bucket_give_NaN_like_Prometheus()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Compute(0.95, Buckets((0.1, 0), (double.PositiveInfinity, 0)))));
        Assert.True(double.IsNaN(HistogramQuantile.Compute(0.95, Buckets((0.1, 3), (0.5, 5)))));
    }

    [Fact]
    public void Non_monotonic_counts_are_repaired_before_the_search()
    {
        // 0.5's count is raised to 50, so rank 95 lies in (0.5, 1]: 0.5 + 0.5 * (95-50)/50.
        var buckets = Buckets((0.1, 50), (0.5, 40), (1, 100), (double.PositiveInfinity, 100));
        Assert.Equal(0.95, HistogramQuantile.Compute(0.95, buckets), 12);
    }
}
