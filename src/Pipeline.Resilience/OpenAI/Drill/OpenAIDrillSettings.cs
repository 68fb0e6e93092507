using Pipeline.Core.Errors;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>
/// Settings of the OpenAI drill. Waits are short but honest (the stub really asks for 200 ms, the client really
/// waits it) so the whole stub drill takes seconds, not minutes. The attempt timeout is the exception: it is
/// generous, because the stub and the client share a machine that CI may load fully (2 busy cores), and an
/// attempt that times out there would be retried and spoil the scenarios that expect exactly one attempt.
/// </summary>
public sealed record OpenAIDrillSettings
{
    public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultStall = TimeSpan.FromSeconds(10);
    // Long enough for four failed attempts (the breaker's minimum throughput) even on a loaded CI machine.
    public static readonly TimeSpan DefaultOutageWindow = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRecovery = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan DefaultLiveAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A real OpenAI-compatible endpoint (with <c>/v1</c>); when set, only safe live probes run.</summary>
    public Uri? LiveBaseUrl { get; init; }

    /// <summary>The key for the live probe with a key; without it that probe is skipped (the invalid-key probe still runs).</summary>
    public string? LiveApiKey { get; init; }

    /// <summary>The <c>retry-after-ms</c> the stub sends in the rate-limit scenario.</summary>
    public TimeSpan RateLimitWait { get; init; } = DefaultRateLimitWait;

    /// <summary>The base of the drill client's exponential backoff (Polly's median first delay; capped at 8 times it).</summary>
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;

    /// <summary>
    /// The client's per-attempt timeout in the drill; the stall scenario holds a request longer than this. Only that
    /// scenario waits it out (the stub drops the stalled request when the client gives up), so a generous value costs
    /// the drill one timeout, while a tight one turns a slow machine into spurious retries.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    public TimeSpan Stall { get; init; } = DefaultStall;

    /// <summary>How long the stub answers 503 in the sustained-outage scenario.</summary>
    public TimeSpan OutageWindow { get; init; } = DefaultOutageWindow;

    public TimeSpan BreakDuration { get; init; } = DefaultBreakDuration;

    /// <summary>The longest the outage scenario keeps calling before it declares that the client did not recover.</summary>
    public TimeSpan MaxRecovery { get; init; } = DefaultMaxRecovery;

    public TimeSpan LiveAttemptTimeout { get; init; } = DefaultLiveAttemptTimeout;

    public OpenAIDrillMode Mode => LiveBaseUrl is null ? OpenAIDrillMode.Stub : OpenAIDrillMode.Live;

    /// <summary>
    /// Throws <see cref="UserInputException"/> for what the user gives (the live URL and key), and
    /// <see cref="ArgumentOutOfRangeException"/> for timings that contradict each other (set in code, not by the user).
    /// </summary>
    public void Validate()
    {
        if (LiveBaseUrl is { } url && !OpenAIClientOptions.IsHttpUrl(url))
            throw new UserInputException($"The live OpenAI base URL {OpenAIClientOptions.DescribeUrl(url)} is not an absolute http(s) URL: give one such as https://api.openai.com/v1.");
        if (!OpenAIClientOptions.IsUsableApiKey(LiveApiKey))
            throw new UserInputException("The live OpenAI API key contains whitespace or a control character (a line break pasted with it?): give the key alone.");
        if (Stall <= AttemptTimeout)
            throw new ArgumentOutOfRangeException(nameof(Stall), Stall, $"The stall ({Stall}) must outlast the attempt timeout ({AttemptTimeout}), or the timeout scenario proves nothing.");
        if (MaxRecovery <= OutageWindow + BreakDuration)
            throw new ArgumentOutOfRangeException(nameof(MaxRecovery), MaxRecovery, $"Allow more than the outage window plus one break ({OutageWindow + BreakDuration}) for recovery.");
    }
}
