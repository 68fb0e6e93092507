using System.Globalization;
using Pipeline.Core.Time;

namespace Pipeline.Resilience.OpenAI;

/// <summary>A wait the server asked for in its headers, with the header it came from (for the log and the report).</summary>
internal sealed record OpenAIServerWait(TimeSpan Wait, OpenAIDelaySource Source, string Header, string Value)
{
    /// <summary>
    /// Reads the server's wait: <c>retry-after-ms</c>, else <c>retry-after</c> (seconds or HTTP date), else, for a
    /// rate limit, the <c>x-ratelimit-reset-*</c> header of the exhausted limit. Returns null when no header gives a
    /// usable (positive, parseable) wait.
    /// </summary>
    public static OpenAIServerWait? Read(IReadOnlyDictionary<string, string> headers, OpenAIOutcomeClass outcome, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds > 0 && double.IsFinite(milliseconds))
            return new(TimeSpan.FromMilliseconds(milliseconds), OpenAIDelaySource.RetryAfterMs, "retry-after-ms", ms);

        if (headers.TryGetValue("retry-after", out var after))
        {
            if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (seconds > 0 && double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds)
                    return new(TimeSpan.FromSeconds(seconds), OpenAIDelaySource.RetryAfter, "retry-after", after);
            }
            else if (DateTimeOffset.TryParseExact(after, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                     && date > now)
            {
                return new(date - now, OpenAIDelaySource.RetryAfter, "retry-after", after);
            }
        }

        if (outcome != OpenAIOutcomeClass.RateLimited) return null;
        var requests = ResetWait(headers, "requests");
        var tokens = ResetWait(headers, "tokens");
        // The limit that ran out is the one to wait for; when neither or both say so, the longer wait is the safe one.
        if (requests is { Exhausted: true } && tokens is not { Exhausted: true }) return requests.Wait;
        if (tokens is { Exhausted: true } && requests is not { Exhausted: true }) return tokens.Wait;
        return Longer(requests?.Wait, tokens?.Wait);
    }

    private sealed record ResetCandidate(OpenAIServerWait Wait, bool Exhausted);

    private static ResetCandidate? ResetWait(IReadOnlyDictionary<string, string> headers, string limit)
    {
        var header = $"x-ratelimit-reset-{limit}";
        if (!headers.TryGetValue(header, out var value) || !Duration.TryParse(value, out var wait) || wait <= TimeSpan.Zero) return null;
        var exhausted = headers.TryGetValue($"x-ratelimit-remaining-{limit}", out var remaining) && remaining.Trim() == "0";
        return new(new OpenAIServerWait(wait, OpenAIDelaySource.RateLimitReset, header, value), exhausted);
    }

    private static OpenAIServerWait? Longer(OpenAIServerWait? a, OpenAIServerWait? b) =>
        a is null ? b : b is null ? a : a.Wait >= b.Wait ? a : b;
}
