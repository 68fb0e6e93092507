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

    /// <summary>
    /// Sends one request to endpoint <paramref name="endpoint"/>; latency counts from <paramref name="intendedStart"/>
    /// (a Stopwatch timestamp). Redirects are followed like k6 follows them: each hop is sent and recorded as a
    /// request of its own (its own duration and status), up to the scenario's <c>maxRedirects</c>; the request
    /// timeout covers the whole chain.
    /// </summary>
    public async Task SendAsync(int endpoint, long intendedStart)
    {
        var plan = run.Plans[endpoint];
        var uri = plan.Uri;
        var method = plan.Method;
        _timeout.CancelAfter(run.RequestTimeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                var next = await SendHopAsync(plan, endpoint, uri, method, hop == 0 ? intendedStart : Stopwatch.GetTimestamp(), hop).ConfigureAwait(false);
                if (next is not { } redirect) return;
                (uri, method) = redirect;
            }
        }
        finally
        {
            if (!_timeout.TryReset())
            {
                _timeout.Dispose();
                _timeout = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
            }
        }
    }

    /// <summary>Sends and records one hop; returns where to go next when the answer is a redirect to follow.</summary>
    private async Task<(Uri Uri, HttpMethod Method)?> SendHopAsync(RequestPlan plan, int endpoint, Uri uri, HttpMethod method, long start, int hop)
    {
        short status = 0;
        byte version = 0;
        long headersAt = 0;
        RequestError? error = null;
        (Uri, HttpMethod)? next = null;
        try
        {
            // Credentials only to the base URL's origin, on the first hop as after any redirect.
            using var request = plan.CreateRequest(uri, method, sameOrigin: run.Target.IsSameOrigin(uri));
            using var response = await run.Invoker.SendAsync(request, _timeout.Token).ConfigureAwait(false);
            headersAt = Stopwatch.GetTimestamp();
            status = (short)response.StatusCode;
            version = (byte)(response.Version.Major * 10 + response.Version.Minor);
            await using var body = response.Content.ReadAsStream(_timeout.Token);
            while (await body.ReadAsync(_buffer, _timeout.Token).ConfigureAwait(false) > 0) { }
            if (status >= 400) error = RequestError.ForStatus(status);
            else if (run.MaxRedirects > 0 && IsRedirect(status) && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (hop >= run.MaxRedirects) error = RequestError.TooManyRedirects(run.MaxRedirects);
                else if (target.Scheme is not ("http" or "https")) error = RequestError.UnsupportedRedirect(target.Scheme);
                else next = (target, RedirectMethod(status, method));
                if (error is not null) status = 0; // Go's client (k6) ends such a request with an error, not a response
            }
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
            return null; // the run was stopped (Ctrl-C): an aborted request is not a measurement
        }

        var end = Stopwatch.GetTimestamp();
        if (headersAt == 0) headersAt = end;
        var errorIndex = error is null ? RequestSample.NoError : run.Errors.IndexOf(error);
        Record(new RequestSample(run.UnixNanoseconds(end), run.Nanoseconds(end - start), run.Nanoseconds(headersAt - start),
            status, (byte)endpoint, version, errorIndex, AsGet: method == HttpMethod.Get && plan.Method != HttpMethod.Get));
        run.CountRequest(failed: status is < 200 or >= 400);
        return next;
    }

    private static bool IsRedirect(short status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>As Go's client: 301, 302 and 303 turn a request other than GET/HEAD into a GET without body; 307 and 308 keep it.</summary>
    private static HttpMethod RedirectMethod(short status, HttpMethod method) =>
        status is 301 or 302 or 303 && method != HttpMethod.Get && method != HttpMethod.Head ? HttpMethod.Get : method;

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
