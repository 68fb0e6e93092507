using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>
/// The load engine used when k6 is absent (or with --engine builtin). Closed model = k6 shared-iterations
/// (or constant-vus for a timed run); open model = k6 constant-arrival-rate: requests start on schedule,
/// latency counts from the scheduled start (as wrk2 does, so a slow generator cannot hide latency), and a
/// start with no free worker is a dropped iteration. Every request is recorded and streamed as k6 NDJSON;
/// the summary export is computed from all samples with k6's formulas. Redirects are followed up to the
/// scenario's <c>maxRedirects</c> (k6's default 10), each hop recorded as its own request as k6 does.
/// </summary>
internal static class BuiltInLoadEngine
{
    public static async Task<BuiltInRunOutcome> RunAsync(BuiltInLoadSettings settings, Stream ndjson, CancellationToken cancellationToken = default)
    {
        var shard = settings.Shard;
        shard.EnsureFits(settings.Scenario);
        // The request mix and schedule are the whole run's; this engine sends its shard's part with its share of the workers.
        var scenario = settings.Scenario.WithConcurrencyAtMostRequests();
        var shardRequests = shard.Scale(scenario.Requests);
        scenario = scenario with { Concurrency = Math.Max(1, shard.Scale(scenario.Concurrency)) };
        if (scenario.Duration is null && scenario.Concurrency > shardRequests) scenario = scenario with { Concurrency = shardRequests };
        SampleSummary.EnsureSupported(scenario);
        // Every request's URI is built and checked against the base URL's origin before anything is sent.
        var plans = scenario.Endpoints.Select(e => RequestPlan.For(e, settings.Target)).ToArray();
        await LoadTargetProbe.EnsureReachableAsync(settings.Target.BaseUri, settings.ReachabilityTimeout, settings.TargetIsReferenceApi, cancellationToken);

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = scenario.Concurrency,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false, // followed by VirtualUser, hop by hop, as k6 records them
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = scenario.RequestTimeout < TimeSpan.FromSeconds(10) ? scenario.RequestTimeout : TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var errors = new RequestErrorCatalog();
        var writer = new BackgroundSampleWriter(new K6NdjsonWriter(ndjson, scenario, errors, RunTags.For(settings.RunId, shard)));
        var mix = new RequestMix(scenario.Endpoints, scenario.Duration is null ? scenario.Requests : RequestMix.CycleForTimedRuns);
        var run = new BuiltInRunState(invoker, plans, scenario.RequestTimeout, writer, errors, cancellationToken, settings.Target, scenario.MaxRedirects);
        var users = Enumerable.Range(0, scenario.Concurrency).Select(_ => new VirtualUser(run)).ToArray();

        using var progressStop = new CancellationTokenSource();
        var progress = ReportProgressAsync(settings, run, progressStop.Token);
        var lastEnd = TimeSpan.Zero;
        try
        {
            var limit = scenario.Duration is { } d && d < settings.MaxDuration ? d : settings.MaxDuration;
            if (scenario.Model == LoadModel.Closed) await RunClosedAsync(scenario, shard, run, users, mix, run.TimestampAfter(limit));
            else await RunOpenAsync(scenario, shard, run, users, mix, run.TimestampAfter(limit));
            lastEnd = run.Elapsed;
        }
        finally
        {
            foreach (var user in users) user.Flush();
            await progressStop.CancelAsync();
            await progress;
        }

        var blocks = await writer.CompleteAsync();
        cancellationToken.ThrowIfCancellationRequested();
        var summary = SampleSummary.Build(blocks, scenario, lastEnd, errors) with
        {
            RunId = settings.RunId, ExecutionSegment = shard.IsWhole ? null : shard.Segment,
        };
        return new BuiltInRunOutcome(summary, run.Completed, run.Failed, run.Dropped, lastEnd, writer.LinesWritten);
    }

    private static Task RunClosedAsync(LoadScenario scenario, ExecutionShard shard, BuiltInRunState run, VirtualUser[] users, RequestMix mix, long deadline)
    {
        long next = -1;
        var total = scenario.Duration is null ? shard.Scale((long)scenario.Requests) : long.MaxValue;
        return Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            while (!run.Cancellation.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                var now = Stopwatch.GetTimestamp();
                if (index >= total || now >= deadline) break;
                await user.SendAsync(mix.EndpointFor(shard.GlobalIndex(index)), now).ConfigureAwait(false);
            }
        })));
    }

    private static async Task RunOpenAsync(LoadScenario scenario, ExecutionShard shard, BuiltInRunState run, VirtualUser[] users, RequestMix mix, long deadline)
    {
        var idle = new ConcurrentStack<VirtualUser>(users);
        var interval = Stopwatch.Frequency / scenario.Rate!.Value;
        var total = scenario.Duration is null ? scenario.Requests : long.MaxValue;
        var dispatcher = new VirtualUser(run); // records dropped iterations
        var pending = 1; // the dispatcher itself, so "all done" cannot fire before the last start
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Finished()
        {
            if (Interlocked.Decrement(ref pending) == 0) allDone.TrySetResult();
        }

        // The whole run's schedule; a shard starts every N-th request of it (k6's striping of arrival-rate iterations).
        for (var index = shard.GlobalIndex(0); index < total && !run.Cancellation.IsCancellationRequested; index += shard.Count)
        {
            var intended = run.StartTimestamp + (long)(index * interval);
            if (intended >= deadline) break;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try { await Task.Delay(wait, run.Cancellation).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }

            if (!idle.TryPop(out var user))
            {
                dispatcher.RecordDropped(intended);
                continue;
            }
            var endpoint = mix.EndpointFor(index);
            Interlocked.Increment(ref pending);
            _ = Task.Run(async () =>
            {
                // Sent a little early (the timer's granularity): time from the actual start, never less.
                try { await user.SendAsync(endpoint, Math.Min(intended, Stopwatch.GetTimestamp())).ConfigureAwait(false); }
                finally
                {
                    idle.Push(user);
                    Finished();
                }
            });
        }

        Finished();
        await allDone.Task.ConfigureAwait(false);
        dispatcher.Flush();
    }

    private static async Task ReportProgressAsync(BuiltInLoadSettings settings, BuiltInRunState run, CancellationToken stop)
    {
        if (settings.OnProgress is null) return;
        var planned = settings.Scenario.Duration is null ? settings.Shard.Scale((long)settings.Scenario.Requests) : 0;
        LoadProgress Snapshot() => new(run.Completed, run.Failed, run.Dropped, planned, run.Elapsed, settings.Scenario.Duration);
        using var timer = new PeriodicTimer(settings.ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) settings.OnProgress(Snapshot());
        }
        catch (OperationCanceledException) { }
        settings.OnProgress(Snapshot());
    }
}
