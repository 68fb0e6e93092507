using Pipeline.Resilience.OpenAI;
using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.Resilience.Tests.OpenAI;

public sealed class OpenAIServerWaitTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

    private static Dictionary<string, string> Headers(params (string, string)[] pairs) =>
        pairs.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Retry_after_ms_wins_over_every_other_header()
    {
        var headers = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded).Headers;

        var wait = OpenAIServerWait.Read(headers, OpenAIOutcomeClass.RateLimited, Now)!;

        Assert.Equal(TimeSpan.FromMilliseconds(1574), wait.Wait);
        Assert.Equal(OpenAIDelaySource.RetryAfterMs, wait.Source);
        Assert.Equal("retry-after-ms", wait.Header);
    }

    [Theory]
    [InlineData("2", 2000)]
    [InlineData("1.5", 1500)]
    [InlineData("0.2", 200)]
    public void Retry_after_in_seconds_may_be_a_float(string value, double milliseconds)
    {
        var wait = OpenAIServerWait.Read(Headers(("Retry-After", value)), OpenAIOutcomeClass.Transient, Now)!;

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), wait.Wait);
        Assert.Equal(OpenAIDelaySource.RetryAfter, wait.Source);
    }

    [Fact]
    public void Retry_after_may_be_an_HTTP_date()
    {
        var wait = OpenAIServerWait.Read(Headers(("retry-after", "Wed, 25 Nov 2026 12:00:07 GMT")), OpenAIOutcomeClass.RateLimited, Now)!;

        Assert.Equal(TimeSpan.FromSeconds(7), wait.Wait);
    }

    [Fact]
    public void A_date_in_the_past_or_an_unparseable_value_gives_no_wait()
    {
        Assert.Null(OpenAIServerWait.Read(Headers(("retry-after", "Wed, 25 Nov 2026 11:59:00 GMT")), OpenAIOutcomeClass.Transient, Now));
        Assert.Null(OpenAIServerWait.Read(Headers(("retry-after", "soon")), OpenAIOutcomeClass.Transient, Now));
        Assert.Null(OpenAIServerWait.Read(Headers(("retry-after-ms", "-5"), ("retry-after", "0")), OpenAIOutcomeClass.Transient, Now));
    }

    [Fact]
    public void An_unusable_retry_after_ms_falls_through_to_retry_after()
    {
        var wait = OpenAIServerWait.Read(Headers(("retry-after-ms", "NaN"), ("retry-after", "3")), OpenAIOutcomeClass.Transient, Now)!;

        Assert.Equal(TimeSpan.FromSeconds(3), wait.Wait);
    }

    [Fact]
    public void Rate_limit_resets_are_read_for_rate_limits_only_and_the_exhausted_limit_wins()
    {
        var headers = Headers(
            ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20ms"),
            ("x-ratelimit-remaining-tokens", "5000"), ("x-ratelimit-reset-tokens", "6m0s"));

        var wait = OpenAIServerWait.Read(headers, OpenAIOutcomeClass.RateLimited, Now)!;

        Assert.Equal(TimeSpan.FromMilliseconds(20), wait.Wait);
        Assert.Equal(OpenAIDelaySource.RateLimitReset, wait.Source);
        Assert.Equal("x-ratelimit-reset-requests", wait.Header);
        Assert.Null(OpenAIServerWait.Read(headers, OpenAIOutcomeClass.Transient, Now));
    }

    [Fact]
    public void Without_a_remaining_count_the_longer_reset_is_the_safe_one()
    {
        var headers = Headers(("x-ratelimit-reset-requests", "1s"), ("x-ratelimit-reset-tokens", "1.574s"));

        var wait = OpenAIServerWait.Read(headers, OpenAIOutcomeClass.RateLimited, Now)!;

        Assert.Equal(TimeSpan.FromMilliseconds(1574), wait.Wait);
        Assert.Equal("x-ratelimit-reset-tokens", wait.Header);
    }

    [Fact]
    public void No_header_means_no_server_wait() =>
        Assert.Null(OpenAIServerWait.Read(Headers(), OpenAIOutcomeClass.RateLimited, Now));
}
