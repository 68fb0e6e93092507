using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Redaction;
using Pipeline.Resilience.OpenAI;
using Pipeline.LocalBackends.OpenAIStub;
using Polly.CircuitBreaker;
using Serilog.Events;

namespace Pipeline.Resilience.Tests.OpenAI;

public sealed class OpenAIResilientClientTests
{
    private const string Key = "sk-test-planted-key-7f3a9c1e5b";

    private static OpenAIClientOptions Options(FakeTimeProvider clock) => new()
    {
        BaseUrl = new Uri("http://openai.test/v1/"),
        ApiKey = Key,
        TimeProvider = clock,
        // Without jitter Polly's backoff is exactly BaseDelay × 2^retry (capped), so waits can be asserted exactly.
        UseJitter = false,
        Redactor = new SecretRedactor(),
    };

    private static OpenAIErrorFixture RateLimited200Ms =>
        OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded).WithHeaders(("retry-after-ms", "200"));

    [Fact]
    public async Task Rate_limit_twice_then_success_waits_what_the_header_asks()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(RateLimited200Ms), ScriptedHandler.Fixture(RateLimited200Ms));
        var log = new LogCollector();
        using var client = new OpenAIResilientClient(Options(clock), log.Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "rate-limit"));

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Attempts.Count);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)], result.Waits);
        Assert.All(result.Attempts.Take(2), a => Assert.Equal(OpenAIDelaySource.RetryAfterMs, a.Decision.Source));
        for (var i = 1; i < 3; i++)
            Assert.InRange(handler.Requests[i].At - handler.Requests[i - 1].At, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(250));
        Assert.Equal([429, 429, 200], result.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal("rate_limit_exceeded", result.Attempts[0].ErrorCode);
        Assert.Contains(log.Lines, l => l.Text.Contains("attempt 1: 429 RateLimited type=tokens code=rate_limit_exceeded")
                                       && l.Text.Contains("retry in 200 ms (retry-after-ms: 200)"));
        Assert.Equal("Bearer " + Key, handler.Requests[0].Request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Quota_exhausted_is_tried_once_and_the_fallback_is_engaged_and_logged()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(OpenAIErrorCatalog.InsufficientQuota));
        var log = new LogCollector();
        var options = Options(clock) with { Fallback = args => ValueTask.FromResult($"degraded answer for {args.Scenario}") };
        using var client = new OpenAIResilientClient(options, log.Logger, handler);

        var result = await client.ChatAsync("hi", "quota");

        Assert.Equal(OpenAIOutcomeClass.QuotaExhausted, result.Class);
        Assert.Single(handler.Requests);
        Assert.True(result.Degraded);
        Assert.Equal("degraded answer for quota", result.FallbackAnswer);
        Assert.True(result.NeedsEscalation);
        Assert.Contains("quota exhausted: waiting does not help", result.FailureReason);
        Assert.Contains(log.Lines, l => l.Level == LogEventLevel.Warning && l.Text.Contains("FALLBACK engaged"));
        Assert.Contains(log.Lines, l => l.Level == LogEventLevel.Error && l.Text.Contains("needs a person") && l.Text.Contains("billing owner"));
        Assert.Throws<OpenAICallException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task A_revoked_key_is_tried_once_escalated_and_not_masked_by_the_fallback()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(OpenAIErrorCatalog.InvalidApiKey));
        var log = new LogCollector();
        var options = Options(clock) with { Fallback = _ => ValueTask.FromResult("degraded") };
        using var client = new OpenAIResilientClient(options, log.Logger, handler);

        var result = await client.ListModelsAsync("revoked");

        Assert.Equal(OpenAIOutcomeClass.AuthRejected, result.Class);
        Assert.Single(result.Attempts);
        Assert.False(result.Degraded);
        Assert.Contains(log.Lines, l => l.Text.Contains("rotate the OpenAI API key"));
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_then_recover()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(OpenAIErrorCatalog.ServerError), ScriptedHandler.Fixture(OpenAIErrorCatalog.Overloaded));
        using var client = new OpenAIResilientClient(Options(clock), new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "5xx"));

        Assert.True(result.Succeeded);
        Assert.Equal([500, 503, 200], result.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], result.Waits);
        Assert.All(result.Attempts.Take(2), a => Assert.Equal(OpenAIOutcomeClass.Transient, a.Class));
    }

    [Fact]
    public async Task A_500_without_headers_waits_the_exponential_backoff_and_a_429_with_retry_after_waits_the_header()
    {
        var clock = FakeClock.Create();
        var retryAfter3s = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded)
            .WithoutHeaders("retry-after-ms", "x-ratelimit-reset-tokens").WithHeaders(("retry-after", "3"));
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(OpenAIErrorCatalog.ServerError), ScriptedHandler.Fixture(retryAfter3s));
        // A backoff cap below the server's wait: the cap is Polly's, for its own backoff; the header's wait is kept whole.
        using var client = new OpenAIResilientClient(Options(clock) with { MaxBackoffDelay = TimeSpan.FromSeconds(1) }, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "500-then-429"));

        Assert.True(result.Succeeded);
        Assert.Equal([500, 429, 200], result.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal([OpenAIDelaySource.ExponentialBackoff, OpenAIDelaySource.RetryAfter], result.Attempts.Take(2).Select(a => a.Decision.Source!.Value));
        // The clock moves in 5 ms steps: a wait ends within one step of its due time.
        Assert.InRange(handler.Requests[1].At - handler.Requests[0].At, OpenAIClientOptions.DefaultBaseDelay, OpenAIClientOptions.DefaultBaseDelay + TimeSpan.FromMilliseconds(50));
        Assert.InRange(handler.Requests[2].At - handler.Requests[1].At, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.05));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task The_configured_retries_are_the_retries_made(int retries)
    {
        var clock = FakeClock.Create();
        var serverErrors = Enumerable.Repeat(ScriptedHandler.Fixture(OpenAIErrorCatalog.ServerError), 5).ToArray();
        var handler = new ScriptedHandler(clock, serverErrors);
        using var client = new OpenAIResilientClient(Options(clock) with { MaxRetryAttempts = retries }, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "5xx"));

        Assert.False(result.Succeeded);
        Assert.Equal(retries + 1, handler.Requests.Count);
        Assert.Equal($"retries exhausted ({retries} of {retries})", result.Attempts[^1].Decision.Reason);
    }

    [Fact]
    public async Task Pollys_backoff_doubles_up_to_the_cap()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, Enumerable.Repeat(ScriptedHandler.Fixture(OpenAIErrorCatalog.ServerError), 4).ToArray());
        var options = Options(clock) with { MaxRetryAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(300), MaxBackoffDelay = TimeSpan.FromSeconds(1) };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "5xx"));

        Assert.True(result.Succeeded);
        Assert.Equal([300, 600, 1000, 1000], result.Waits.Select(w => w.TotalMilliseconds));
        Assert.Equal("exponential backoff, retry 3 (base 300 ms, cap 1 s)", result.Attempts[2].Decision.Reason);
    }

    [Fact]
    public async Task With_jitter_the_waits_recorded_and_logged_are_the_ones_Polly_chose_and_waited()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, Enumerable.Repeat(ScriptedHandler.Fixture(OpenAIErrorCatalog.ServerError), 3).ToArray());
        var log = new LogCollector();
        var options = Options(clock) with { UseJitter = true, Randomizer = new Random(7).NextDouble };
        using var client = new OpenAIResilientClient(options, log.Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "5xx"));

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Waits.Count);
        Assert.All(result.Waits, w => Assert.InRange(w, TimeSpan.Zero, OpenAIClientOptions.DefaultMaxBackoffDelay));
        // Jitter moved the waits off the plain doubling, and every one of them is what the handler saw between requests.
        Assert.NotEqual([500, 1000, 2000], result.Waits.Select(w => Math.Round(w.TotalMilliseconds)));
        for (var i = 0; i < 3; i++)
        {
            // The clock moves in 5 ms steps: a wait ends within a step or so of its due time.
            Assert.InRange(handler.Requests[i + 1].At - handler.Requests[i].At, result.Waits[i], result.Waits[i] + TimeSpan.FromMilliseconds(50));
            var logged = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"retry in {result.Waits[i].TotalMilliseconds:0} ms (exponential backoff with jitter, retry {i + 1}");
            Assert.Contains(log.Lines, l => l.Text.Contains($"attempt {i + 1}: 500") && l.Text.Contains(logged));
        }
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_the_next_attempt_succeeds()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Hang(clock));
        var options = Options(clock) with { AttemptTimeout = TimeSpan.FromSeconds(2) };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "timeout"), TimeSpan.FromMilliseconds(50));

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Null(result.Attempts[0].Status);
        Assert.Equal(OpenAIOutcomeClass.Transient, result.Attempts[0].Class);
        Assert.Contains("attempt timeout of 2 s", result.Attempts[0].Detail);
        Assert.InRange(result.Attempts[0].Duration, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task The_total_timeout_ends_the_call_with_a_clear_reason()
    {
        var clock = FakeClock.Create();
        var hang = ScriptedHandler.Hang(clock);
        var handler = new ScriptedHandler(clock, hang, hang, hang, hang);
        var options = Options(clock) with { AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(3) };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "total"), TimeSpan.FromMilliseconds(50));

        Assert.Equal(OpenAIOutcomeClass.Transient, result.Class);
        Assert.Contains("total timeout of 3 s", result.FailureReason);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, result.Attempts.Count);
    }

    [Fact]
    public async Task A_last_attempt_that_times_out_is_reported_as_an_attempt_timeout_not_a_total_timeout()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Hang(clock));
        var options = Options(clock) with { AttemptTimeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 0 };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ChatAsync("hi", "last-timeout"), TimeSpan.FromMilliseconds(50));

        Assert.Equal(OpenAIOutcomeClass.Transient, result.Class);
        Assert.Single(result.Attempts);
        Assert.Contains("no answer within the attempt timeout of 2 s; retries exhausted (0 of 0)", result.FailureReason);
        Assert.DoesNotContain("total timeout", result.FailureReason);
    }

    [Fact]
    public async Task A_server_wait_above_the_cap_fails_fast_with_the_wait_in_the_error()
    {
        var clock = FakeClock.Create();
        var longWait = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded).WithHeaders(("retry-after-ms", "120000"));
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(longWait));
        using var client = new OpenAIResilientClient(Options(clock), new LogCollector().Logger, handler);

        var result = await client.ChatAsync("hi", "cap");

        Assert.Equal(OpenAIOutcomeClass.RateLimited, result.Class);
        Assert.Single(handler.Requests);
        Assert.Contains("asked to wait 2 min (retry-after-ms: 120000), above the 60 s cap", result.FailureReason);
        Assert.Equal(clock.GetUtcNow(), result.Attempts[0].StartedAt);
    }

    [Fact]
    public async Task Garbage_from_the_server_is_a_classified_failure_not_an_exception()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, (_, _) => Task.FromResult(
            ScriptedHandler.Response(200, "<html><body>Welcome to nginx!</body></html>", new Dictionary<string, string>(), "text/html")));
        using var client = new OpenAIResilientClient(Options(clock), new LogCollector().Logger, handler);

        var result = await client.ListModelsAsync("garbage");

        Assert.Equal(OpenAIOutcomeClass.Fatal, result.Class);
        Assert.Single(result.Attempts);
        Assert.Contains("not OpenAI JSON (content-type text/html, starts with \"<html><body>Welcome to nginx!", result.FailureReason);
    }

    [Fact]
    public async Task A_huge_error_body_is_read_only_to_its_first_mebibyte()
    {
        var clock = FakeClock.Create();
        var body = new EndlessErrorBody();
        var handler = new ScriptedHandler(clock, (_, _) => Task.FromResult(
            new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StreamContent(body) }));
        using var client = new OpenAIResilientClient(Options(clock), new LogCollector().Logger, handler);

        var result = await client.ListModelsAsync("flood");

        Assert.Equal(OpenAIOutcomeClass.Fatal, result.Class);
        Assert.Contains("non-OpenAI error body: \"oops oops", result.FailureReason);
        Assert.InRange(body.BytesRead, OpenAIResilientClient.MaxErrorBodyBytes, OpenAIResilientClient.MaxErrorBodyBytes + 128 * 1024);
    }

    /// <summary>An error body that never ends ("oops oops ..."), produced as it is read, never held.</summary>
    private sealed class EndlessErrorBody : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = (byte)"oops "[(int)((BytesRead + i) % 5)];
            BytesRead += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Connection_failures_are_transient_and_retried_then_reported_plainly()
    {
        var clock = FakeClock.Create();
        var refused = ScriptedHandler.Refused();
        var handler = new ScriptedHandler(clock, refused, refused, refused, refused);
        var options = Options(clock) with { BreakerMinimumThroughput = 10 };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await clock.RunAsync(client.ListModelsAsync("down"), TimeSpan.FromMilliseconds(50));

        Assert.Equal(OpenAIOutcomeClass.Transient, result.Class);
        Assert.Equal(4, result.SentAttempts);
        Assert.Contains("connection failed to http://openai.test: Connection refused", result.FailureReason);
        Assert.Contains("retries exhausted (3 of 3)", result.FailureReason);
    }

    [Fact]
    public async Task Breaker_opens_on_sustained_transient_failures_short_circuits_then_half_opens_and_closes()
    {
        var clock = FakeClock.Create();
        var overloaded = ScriptedHandler.Fixture(OpenAIErrorCatalog.Overloaded);
        var handler = new ScriptedHandler(clock, overloaded, overloaded, overloaded);
        var options = Options(clock) with
        {
            MaxRetryAttempts = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5,
            BreakerBreakDuration = TimeSpan.FromSeconds(5), BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        };
        var log = new LogCollector();
        using var client = new OpenAIResilientClient(options, log.Logger, handler);

        var first = await client.ChatAsync("hi", "outage");
        var second = await client.ChatAsync("hi", "outage");
        Assert.Equal(CircuitState.Open, client.BreakerState);

        var shortCircuited = await client.ChatAsync("hi", "outage");
        Assert.True(shortCircuited.ShortCircuited);
        Assert.Equal(0, shortCircuited.SentAttempts);
        Assert.Contains("circuit open", shortCircuited.FailureReason);
        Assert.Contains("next trial call in 5 s", shortCircuited.FailureReason);
        Assert.Equal(2, handler.Requests.Count);

        clock.Advance(TimeSpan.FromSeconds(5));
        var trialFails = await client.ChatAsync("hi", "outage");
        Assert.Equal(OpenAIOutcomeClass.Transient, trialFails.Class);
        Assert.Equal(CircuitState.Open, client.BreakerState);

        clock.Advance(TimeSpan.FromSeconds(5));
        var healed = await client.ChatAsync("hi", "outage");

        Assert.False(first.Succeeded || second.Succeeded);
        Assert.True(healed.Succeeded);
        Assert.Equal(CircuitState.Closed, client.BreakerState);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed],
            client.BreakerTransitions.Select(t => t.State));
        Assert.Contains(log.Lines, l => l.Text.Contains("circuit breaker Open"));
    }

    [Fact]
    public async Task Rate_limits_and_quota_do_not_open_the_breaker()
    {
        var clock = FakeClock.Create();
        var quota = ScriptedHandler.Fixture(OpenAIErrorCatalog.InsufficientQuota);
        var handler = new ScriptedHandler(clock, quota, quota, quota, quota);
        var options = Options(clock) with { MaxRetryAttempts = 0, BreakerMinimumThroughput = 2 };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        for (var i = 0; i < 4; i++) await client.ChatAsync("hi", "quota");

        Assert.Equal(CircuitState.Closed, client.BreakerState);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task The_key_is_never_logged_even_when_the_server_echoes_it()
    {
        var clock = FakeClock.Create();
        var echo = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.InvalidApiKey) with
        {
            Body = $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
        };
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(echo));
        var redactor = new SecretRedactor();
        var log = new LogCollector();
        using var client = new OpenAIResilientClient(Options(clock) with { Redactor = redactor }, log.Logger, handler);

        var result = await client.ListModelsAsync("echo");

        // The client registers the key; whatever renders the log (Core's BuildLog) masks it.
        Assert.Contains(Key, result.FailureReason);
        Assert.DoesNotContain(Key, redactor.Redact(log.All));
        Assert.DoesNotContain(Key, redactor.Redact(result.FailureReason));
        Assert.Equal(1, redactor.Count);
    }

    [Fact]
    public async Task A_failing_fallback_keeps_the_original_failure_and_says_so()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Fixture(OpenAIErrorCatalog.InsufficientQuota));
        var options = Options(clock) with { Fallback = _ => throw new InvalidOperationException("cache offline") };
        using var client = new OpenAIResilientClient(options, new LogCollector().Logger, handler);

        var result = await client.ChatAsync("hi", "quota");

        Assert.False(result.Degraded);
        Assert.Contains("the fallback failed too: cache offline", result.FailureReason);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        var clock = FakeClock.Create();
        var handler = new ScriptedHandler(clock, ScriptedHandler.Hang(clock));
        using var client = new OpenAIResilientClient(Options(clock), new LogCollector().Logger, handler);
        using var cancel = new CancellationTokenSource();

        var call = client.ChatAsync("hi", "cancel", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
