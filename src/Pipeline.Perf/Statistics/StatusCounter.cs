namespace Pipeline.Perf.Statistics;

/// <summary>Counts statuses while reading; one small dictionary per endpoint, never one entry per request.</summary>
internal sealed class StatusCounter
{
    private readonly Dictionary<int, long> _byStatus = new();
    private readonly Dictionary<string, long> _networkErrorCodes = new(StringComparer.Ordinal);

    public void Add(int status, string? errorCode)
    {
        _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        if (status == 0)
        {
            var code = string.IsNullOrEmpty(errorCode) ? "unknown" : errorCode;
            _networkErrorCodes[code] = _networkErrorCodes.GetValueOrDefault(code) + 1;
        }
    }

    public void AddFrom(StatusCounter other)
    {
        foreach (var (status, count) in other._byStatus) _byStatus[status] = _byStatus.GetValueOrDefault(status) + count;
        foreach (var (code, count) in other._networkErrorCodes) _networkErrorCodes[code] = _networkErrorCodes.GetValueOrDefault(code) + count;
    }

    public StatusBreakdown ToBreakdown()
    {
        long Sum(Func<int, bool> which) => _byStatus.Where(kv => which(kv.Key)).Sum(kv => kv.Value);
        return new StatusBreakdown(
            Total: _byStatus.Values.Sum(),
            Success2xx: Sum(s => s is >= 200 and < 300),
            Redirect3xx: Sum(s => s is >= 300 and < 400),
            TooManyRequests429: Sum(s => s == 429),
            OtherClientErrors4xx: Sum(s => s is >= 400 and < 500 and not 429),
            ServerErrors5xx: Sum(s => s is >= 500 and < 600),
            NetworkErrors: Sum(s => s == 0),
            ByStatus: new SortedDictionary<int, long>(_byStatus),
            NetworkErrorCodes: new SortedDictionary<string, long>(_networkErrorCodes, StringComparer.Ordinal));
    }
}
