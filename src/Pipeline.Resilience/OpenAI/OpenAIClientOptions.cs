using Pipeline.Core.Errors;
using Pipeline.Core.Redaction;

namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// Every knob of the resilient OpenAI client, with named defaults. The runbook
/// (docs/operations/openai-supabase-fallback-runbook.md) quotes these defaults; a test fails when they disagree.
/// </summary>
internal sealed record OpenAIClientOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1/");
    /// <summary>Retries after the first attempt (so up to 4 requests per call).</summary>
    public const int DefaultMaxRetryAttempts = 3;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultMaxBackoffDelay = TimeSpan.FromSeconds(8);
    /// <summary>Polly's decorrelated jitter on the exponential backoff (spreads the retries of many clients).</summary>
    public const bool DefaultUseJitter = true;
    /// <summary>A server-requested wait above this is not slept on: the call fails fast and names the wait.</summary>
    public static readonly TimeSpan DefaultMaxServerWait = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromSeconds(120);
    public const double DefaultBreakerFailureRatio = 0.5;
    public const int DefaultBreakerMinimumThroughput = 5;
    public static readonly TimeSpan DefaultBreakerSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultBreakerBreakDuration = TimeSpan.FromSeconds(15);

    /// <summary>OpenAI's base URL including <c>/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>The API key, sent as a bearer token; registered with the redactor, never logged.</summary>
    public string? ApiKey { get; init; }

    public int MaxRetryAttempts { get; init; } = DefaultMaxRetryAttempts;

    /// <summary>
    /// Polly's exponential backoff (<c>Delay</c>) when the server names no wait: the first delay, doubling with every
    /// retry; with jitter it is the median the delays approach (Polly's decorrelated jitter, each delay between 0 and
    /// about twice the median).
    /// </summary>
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;

    /// <summary>The cap on a backoff delay (Polly's <c>MaxDelay</c>); a wait the server asks for is capped by <see cref="MaxServerWait"/> instead.</summary>
    public TimeSpan MaxBackoffDelay { get; init; } = DefaultMaxBackoffDelay;

    /// <summary>Polly's decorrelated jitter on the backoff; off, the delays are exactly <c>BaseDelay × 2^retry</c>, capped.</summary>
    public bool UseJitter { get; init; } = DefaultUseJitter;

    public TimeSpan MaxServerWait { get; init; } = DefaultMaxServerWait;

    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>The whole call, attempts and waits together.</summary>
    public TimeSpan TotalTimeout { get; init; } = DefaultTotalTimeout;

    /// <summary>Share of transient failures within <see cref="BreakerSamplingDuration"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; init; } = DefaultBreakerFailureRatio;

    /// <summary>Attempts needed in the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = DefaultBreakerMinimumThroughput;

    public TimeSpan BreakerSamplingDuration { get; init; } = DefaultBreakerSamplingDuration;

    /// <summary>How long an open breaker short-circuits calls before letting one trial call through.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = DefaultBreakerBreakDuration;

    /// <summary>A degraded answer for a failed call; when it is used the result says so and the log says so.</summary>
    public Func<OpenAIFallbackArguments, ValueTask<string>>? Fallback { get; init; }

    /// <summary>Which failures the fallback may cover. Auth and fatal failures are not covered by default: they need a fix, not a mask.</summary>
    public IReadOnlySet<OpenAIOutcomeClass> FallbackOn { get; init; } = new HashSet<OpenAIOutcomeClass>
    {
        OpenAIOutcomeClass.QuotaExhausted, OpenAIOutcomeClass.RateLimited, OpenAIOutcomeClass.Transient,
    };

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Polly's source of jitter in [0, 1); replace it in tests to pin the jitter.</summary>
    public Func<double> Randomizer { get; init; } = Random.Shared.NextDouble;

    public SecretRedactor Redactor { get; init; } = SecretRedactor.Global;

    /// <summary>
    /// Throws <see cref="UserInputException"/> with one line naming the bad setting and its allowed range (the ranges
    /// include the ones Polly enforces, so a bad value never surfaces as Polly's validation error).
    /// </summary>
    public void Validate()
    {
        if (!IsHttpUrl(BaseUrl))
            throw new UserInputException($"The OpenAI base URL {DescribeUrl(BaseUrl)} is not an absolute http(s) URL: give one such as https://api.openai.com/v1/.");
        if (!IsUsableApiKey(ApiKey))
            throw new UserInputException("The OpenAI API key contains whitespace or a control character (a line break pasted with it?): give the key alone.");
        Require(MaxRetryAttempts is >= 0 and <= 10, nameof(MaxRetryAttempts), MaxRetryAttempts, "between 0 and 10");
        Require(BaseDelay > TimeSpan.Zero && BaseDelay <= OneDay, nameof(BaseDelay), BaseDelay, "above 0 and at most 1 day");
        Require(MaxBackoffDelay >= BaseDelay && MaxBackoffDelay <= OneDay, nameof(MaxBackoffDelay), MaxBackoffDelay, "at least BaseDelay and at most 1 day");
        Require(MaxServerWait > TimeSpan.Zero, nameof(MaxServerWait), MaxServerWait, "greater than zero");
        Require(AttemptTimeout >= TimeSpan.FromMilliseconds(10) && AttemptTimeout <= OneDay, nameof(AttemptTimeout), AttemptTimeout, "at least 10 ms and at most 1 day");
        Require(TotalTimeout >= AttemptTimeout && TotalTimeout <= OneDay, nameof(TotalTimeout), TotalTimeout, "at least AttemptTimeout and at most 1 day");
        Require(BreakerFailureRatio is > 0 and <= 1, nameof(BreakerFailureRatio), BreakerFailureRatio, "above 0 and at most 1");
        Require(BreakerMinimumThroughput >= 2, nameof(BreakerMinimumThroughput), BreakerMinimumThroughput, "at least 2");
        Require(BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500) && BreakerSamplingDuration <= OneDay, nameof(BreakerSamplingDuration), BreakerSamplingDuration, "at least 500 ms and at most 1 day");
        Require(BreakerBreakDuration >= TimeSpan.FromMilliseconds(500) && BreakerBreakDuration <= OneDay, nameof(BreakerBreakDuration), BreakerBreakDuration, "at least 500 ms and at most 1 day");
    }

    internal static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>A URL in an error: its scheme only when it is absolute, since the rest may carry credentials.</summary>
    internal static string DescribeUrl(Uri url) => url.IsAbsoluteUri ? $"with scheme '{url.Scheme}'" : "(a relative URL)";

    /// <summary>A key goes into the Authorization header: whitespace or control characters would make that header invalid.</summary>
    internal static bool IsUsableApiKey(string? key) => key is null || !key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    private static void Require(bool condition, string name, object value, string range)
    {
        if (!condition) throw new UserInputException($"OpenAI client option {name} = {value} must be {range}.");
    }
}
