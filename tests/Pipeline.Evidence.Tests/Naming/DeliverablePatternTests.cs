using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.Tests.Naming;

public class DeliverablePatternTests
{
    private static readonly DeliverablePattern P95 = new(DeliverableCatalogue.Story281.Find("p95-k6")!);

    [Theory]
    [InlineData("reports/p95_k6_20251014.json", null, 0)]
    [InlineData("reports/p95_k6_20251014-145728.json", "145728", 0)]
    [InlineData("reports/p95_k6_20251014-145728-2.json", "145728", 2)]
    public void Accepts_the_date_with_the_optional_run_suffix(string path, string? time, int counter)
    {
        Assert.True(P95.TryMatch(path, out var stamp));
        Assert.Equal(new DateOnly(2025, 10, 14), stamp!.Date);
        Assert.Equal(time, stamp.Time);
        Assert.Equal(counter, stamp.Counter);
    }

    [Theory]
    [InlineData("reports/p95_k6_2025-10-14.json")]     // dashes in the date
    [InlineData("reports/p95_k6_20251314.json")]       // month 13
    [InlineData("reports/p95_k6_20251014-256199.json")] // not a time of day
    [InlineData("reports/p95_k6_20251014_1.json")]
    [InlineData("reports/p95_k6_20251014.summary.json")] // another deliverable
    [InlineData("p95_k6_20251014.json")]                // wrong folder
    public void Rejects_anything_else(string path) => Assert.False(P95.TryMatch(path, out _));

    [Fact]
    public void Later_runs_of_a_day_sort_after_earlier_ones()
    {
        var first = new EvidenceStamp(new DateOnly(2025, 10, 14), null, 0);
        var second = first with { Time = "090000" };
        var third = first with { Time = "090000", Counter = 2 };
        var fourth = first with { Time = "101500" };
        Assert.Equal([first, second, third, fourth], new[] { fourth, third, first, second }.Order().ToArray());
    }
}
