using System.Globalization;

namespace Pipeline.Resilience.OpenAI;

/// <summary>What the client does after one attempt, and why (logged with every attempt).</summary>
/// <param name="Retry">True when another attempt follows after <paramref name="Delay"/>.</param>
/// <param name="Delay">The wait before the next attempt: the server's, or the backoff Polly chose (the client fills it in
/// when Polly chooses it, so an attempt's record always holds the wait that really followed).</param>
/// <param name="Source">Where the delay came from, when there is one.</param>
/// <param name="Reason">One line a person can read: "retry-after-ms: 200", "quota exhausted: waiting does not help"...</param>
public sealed record OpenAIRetryDecision(bool Retry, TimeSpan Delay, OpenAIDelaySource? Source, string Reason)
{
    public static OpenAIRetryDecision Stop(string reason) => new(false, TimeSpan.Zero, null, reason);

    public override string ToString() => Retry
        ? string.Create(CultureInfo.InvariantCulture, $"retry in {Delay.TotalMilliseconds:0} ms ({Reason})")
        : $"no retry: {Reason}";
}
