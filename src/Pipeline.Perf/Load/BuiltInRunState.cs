using System.Diagnostics;

namespace Pipeline.Perf.Load;

/// <summary>What every worker of one run shares: the HTTP invoker, the prepared requests, the clock and the counters.</summary>
internal sealed class BuiltInRunState(HttpMessageInvoker invoker, RequestPlan[] plans, TimeSpan requestTimeout,
    BackgroundSampleWriter writer, RequestErrorCatalog errors, CancellationToken cancellation, LoadTarget target, int maxRedirects)
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly long _startUnixNanoseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private long _completed, _failed, _dropped;

    public HttpMessageInvoker Invoker { get; } = invoker;
    public RequestPlan[] Plans { get; } = plans;
    public TimeSpan RequestTimeout { get; } = requestTimeout;
    public BackgroundSampleWriter Writer { get; } = writer;
    public RequestErrorCatalog Errors { get; } = errors;
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>The base URL: the only origin that gets the credentials, also along a redirect chain.</summary>
    public LoadTarget Target { get; } = target;

    public int MaxRedirects { get; } = maxRedirects;
    public long StartTimestamp => _startTimestamp;

    public long Completed => Volatile.Read(ref _completed);
    public long Failed => Volatile.Read(ref _failed);
    public long Dropped => Volatile.Read(ref _dropped);
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public void CountRequest(bool failed)
    {
        Interlocked.Increment(ref _completed);
        if (failed) Interlocked.Increment(ref _failed);
    }

    public void CountDropped() => Interlocked.Increment(ref _dropped);

    public long Nanoseconds(long stopwatchTicks) =>
        Stopwatch.Frequency == 1_000_000_000 ? stopwatchTicks : (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));

    public long UnixNanoseconds(long timestamp) => _startUnixNanoseconds + Nanoseconds(timestamp - _startTimestamp);

    public long TimestampAfter(TimeSpan offset) => _startTimestamp + (long)(offset.TotalSeconds * Stopwatch.Frequency);
}
