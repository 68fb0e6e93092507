namespace Pipeline.Perf.Statistics;

/// <summary>
/// What the requests answered. Network errors are k6's status 0 (no HTTP response at all), counted by
/// k6's <c>error_code</c> (1xxx: DNS/TCP, 1211/1212 dial, 1050 timeout...).
/// </summary>
public sealed record StatusBreakdown(
    long Total,
    long Success2xx,
    long Redirect3xx,
    long TooManyRequests429,
    long OtherClientErrors4xx,
    long ServerErrors5xx,
    long NetworkErrors,
    IReadOnlyDictionary<int, long> ByStatus,
    IReadOnlyDictionary<string, long> NetworkErrorCodes)
{
    public static StatusBreakdown Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<int, long>(), new Dictionary<string, long>());

    /// <summary>Anything else (1xx, statuses outside 100-599).</summary>
    public long Other => Total - Success2xx - Redirect3xx - TooManyRequests429 - OtherClientErrors4xx - ServerErrors5xx - NetworkErrors;
}
