using Pipeline.Core.Errors;
using Pipeline.Resilience.OpenAI;

namespace Pipeline.Resilience.Tests.OpenAI;

public sealed class OpenAIRetryPolicyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T12:00:00Z");
    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(5);

    private static OpenAIRetryPolicy Policy(OpenAIClientOptions? options = null) => new(options ?? new OpenAIClientOptions());

    private static Dictionary<string, string> Headers(params (string, string)[] pairs) =>
        pairs.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData(OpenAIOutcomeClass.QuotaExhausted, "quota exhausted")]
    [InlineData(OpenAIOutcomeClass.AuthRejected, "key rejected")]
    [InlineData(OpenAIOutcomeClass.Fatal, "fatal")]
    [InlineData(OpenAIOutcomeClass.Success, "succeeded")]
    public void Never_retries_what_waiting_cannot_fix(OpenAIOutcomeClass outcome, string reason)
    {
        // Even with a retry-after and x-should-retry: true, quota and auth are not retried.
        var decision = Policy().Decide(outcome, Headers(("retry-after-ms", "100"), ("x-should-retry", outcome == OpenAIOutcomeClass.Fatal ? "maybe" : "true")), 0, Plenty, Now);

        Assert.False(decision.Retry);
        Assert.Contains(reason, decision.Reason);
    }

    [Fact]
    public void Honours_the_server_wait_exactly()
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.RateLimited, Headers(("retry-after-ms", "200")), 0, Plenty, Now);

        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromMilliseconds(200), decision.Delay);
        Assert.Equal(OpenAIDelaySource.RetryAfterMs, decision.Source);
        Assert.Equal("retry in 200 ms (retry-after-ms: 200)", decision.ToString());
    }

    [Theory]
    [InlineData("retry-after", "0.75", OpenAIDelaySource.RetryAfter, 750)]
    [InlineData("x-ratelimit-reset-tokens", "1.574s", OpenAIDelaySource.RateLimitReset, 1574)]
    public void Delay_per_header_kind(string header, string value, OpenAIDelaySource source, double milliseconds)
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.RateLimited, Headers((header, value)), 1, Plenty, Now);

        Assert.Equal(source, decision.Source);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), decision.Delay);
    }

    [Fact]
    public void A_server_wait_above_the_cap_fails_fast_and_names_the_wait()
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.RateLimited, Headers(("x-ratelimit-reset-requests", "6m0s")), 0, Plenty, Now);

        Assert.False(decision.Retry);
        Assert.Contains("asked to wait 6 min (x-ratelimit-reset-requests: 6m0s), above the 60 s cap", decision.Reason);
    }

    [Fact]
    public void A_wait_exactly_at_the_cap_is_honoured()
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.Transient, Headers(("retry-after", "60")), 0, Plenty, Now);

        Assert.True(decision.Retry);
        Assert.Equal(OpenAIClientOptions.DefaultMaxServerWait, decision.Delay);
    }

    [Fact]
    public void A_wait_that_outlasts_the_total_budget_fails_fast()
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.Transient, Headers(("retry-after", "30")), 0, TimeSpan.FromSeconds(10), Now);

        Assert.False(decision.Retry);
        Assert.Contains("would outlast the remaining 10 s of the total timeout", decision.Reason);
    }

    [Fact]
    public void Transient_failures_without_headers_leave_the_wait_to_Pollys_backoff_and_say_so()
    {
        var decision = Policy().Decide(OpenAIOutcomeClass.Transient, Headers(), 2, Plenty, Now);

        Assert.True(decision.Retry);
        Assert.Equal(OpenAIDelaySource.ExponentialBackoff, decision.Source);
        Assert.Equal("exponential backoff with jitter, retry 3 (base 500 ms, cap 8 s)", decision.Reason);
        Assert.Equal("exponential backoff, retry 1 (base 500 ms, cap 8 s)",
            Policy(new OpenAIClientOptions { UseJitter = false }).Decide(OpenAIOutcomeClass.Transient, Headers(), 0, Plenty, Now).Reason);
    }

    [Fact]
    public void Stops_after_the_configured_retries()
    {
        var policy = Policy();

        Assert.True(policy.Decide(OpenAIOutcomeClass.Transient, Headers(), 2, Plenty, Now).Retry);
        var last = policy.Decide(OpenAIOutcomeClass.Transient, Headers(), 3, Plenty, Now);
        Assert.False(last.Retry);
        Assert.Equal("retries exhausted (3 of 3)", last.Reason);
    }

    [Fact]
    public void X_should_retry_false_stops_a_retryable_failure_and_true_makes_a_fatal_one_retryable()
    {
        var policy = Policy();

        var stopped = policy.Decide(OpenAIOutcomeClass.RateLimited, Headers(("retry-after-ms", "10"), ("x-should-retry", "false")), 0, Plenty, Now);
        var forced = policy.Decide(OpenAIOutcomeClass.Fatal, Headers(("X-Should-Retry", "True")), 0, Plenty, Now);

        Assert.False(stopped.Retry);
        Assert.Equal("the server sent x-should-retry: false", stopped.Reason);
        Assert.True(forced.Retry);
        Assert.EndsWith("x-should-retry: true", forced.Reason);
    }

    [Fact]
    public void Bad_options_are_user_errors_of_one_line_that_name_the_setting_and_its_range()
    {
        var range = Assert.Throws<UserInputException>(() => new OpenAIClientOptions { MaxRetryAttempts = 11 }.Validate());
        Assert.Equal("OpenAI client option MaxRetryAttempts = 11 must be between 0 and 10.", range.Message);
        // Polly's own limits are checked here too, so a bad value never surfaces as Polly's validation error.
        var cap = Assert.Throws<UserInputException>(() => new OpenAIClientOptions { MaxBackoffDelay = TimeSpan.FromDays(2) }.Validate());
        Assert.Contains("MaxBackoffDelay = 2.00:00:00 must be at least BaseDelay and at most 1 day", cap.Message);
        Assert.Throws<UserInputException>(() => new OpenAIClientOptions { TotalTimeout = TimeSpan.FromSeconds(1) }.Validate());

        var url = Assert.Throws<UserInputException>(() => new OpenAIClientOptions { BaseUrl = new Uri("ftp://me:planted-pass@x/") }.Validate());   // test value, pipeline:allow-secret
        Assert.Equal("The OpenAI base URL with scheme 'ftp' is not an absolute http(s) URL: give one such as https://api.openai.com/v1/.", url.Message);

        const string key = "sk-planted-key-0000000000";
        var pasted = Assert.Throws<UserInputException>(() => new OpenAIClientOptions { ApiKey = key + "\n" }.Validate());
        Assert.DoesNotContain(key, pasted.Message);
        Assert.Contains("API key contains whitespace or a control character", pasted.Message);
        Assert.DoesNotContain('\n', pasted.Message);
    }
}
