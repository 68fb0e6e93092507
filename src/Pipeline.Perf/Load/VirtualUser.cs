using System.Diagnostics;

namespace Pipeline.Perf.Load;

/// <summary>
/// One worker (a k6 VU): sends one request at a time and records it. Owns its read buffer, its timeout
/// source and its sample block, so the hot path allocates only the request and response objects.
/// </summary>
internal sealed class VirtualUser(BuiltInRunState run)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
    private SampleBlock _block = new();

    /// <summary>Sends one request to endpoint <paramref name="endpoint"/>; latency counts from <paramref name="intendedStart"/> (a Stopwatch timestamp).</summary>
    public async Task SendAsync(int endpoint, long intendedStart)
    {
        var plan = run.Plans[endpoint];
        short status = 0;
        byte version = 0;
        long headersAt = 0;
        RequestError? error = null;
        _timeout.CancelAfter(run.RequestTimeout);
        try
        {
            using var request = plan.CreateRequest();
            using var response = await run.Invoker.SendAsync(request, _timeout.Token).ConfigureAwait(false);
            headersAt = Stopwatch.GetTimestamp();
            status = (short)response.StatusCode;
            version = (byte)(response.Version.Major * 10 + response.Version.Minor);
            await using var body = response.Content.ReadAsStream(_timeout.Token);
            while (await body.ReadAsync(_buffer, _timeout.Token).ConfigureAwait(false) > 0) { }
            if (status >= 400) error = RequestError.ForStatus(status);
        }
        catch (Exception exception) when (!run.Cancellation.IsCancellationRequested)
        {
            // A response whose body broke off still counts as a network error, like k6 does.
            status = 0;
            version = 0;
            error = RequestError.ForException(exception, timedOut: _timeout.IsCancellationRequested);
        }
        catch (Exception) when (run.Cancellation.IsCancellationRequested)
        {
            return; // the run was stopped (Ctrl-C): an aborted request is not a measurement
        }
        finally
        {
            if (!_timeout.TryReset())
            {
                _timeout.Dispose();
                _timeout = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
            }
        }

        var end = Stopwatch.GetTimestamp();
        if (headersAt == 0) headersAt = end;
        var errorIndex = error is null ? RequestSample.NoError : run.Errors.IndexOf(error);
        Record(new RequestSample(run.UnixNanoseconds(end), run.Nanoseconds(end - intendedStart), run.Nanoseconds(headersAt - intendedStart),
            status, (byte)endpoint, version, errorIndex));
        run.CountRequest(failed: status is < 200 or >= 400);
    }

    public void RecordDropped(long intendedStart)
    {
        Record(new RequestSample(run.UnixNanoseconds(intendedStart), 0, 0, RequestSample.DroppedStatus, 0, 0, RequestSample.NoError));
        run.CountDropped();
    }

    /// <summary>Hands the last, partly filled block to the writer.</summary>
    public void Flush()
    {
        if (_block.Count > 0) run.Writer.Post(_block);
        _block = new SampleBlock();
    }

    private void Record(in RequestSample sample)
    {
        _block.Add(sample);
        if (!_block.IsFull) return;
        run.Writer.Post(_block);
        _block = new SampleBlock();
    }
}
