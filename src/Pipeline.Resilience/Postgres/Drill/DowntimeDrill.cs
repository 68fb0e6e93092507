using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using Pipeline.Resilience.Faults;
using Polly;
using Polly.Timeout;
using Serilog;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// Runs a steady workload of numbered, idempotent writes through the PostgreSQL retry policy while a fault
/// proxy in front of the server injects faults one after the other: the endpoint goes down, a query is
/// reset mid-flight, the latency spikes, and (for an embedded server) the server restarts. For each fault
/// it measures the failed attempts and the time to recovery; at the end it reads the rows back from the
/// server to prove that every query either succeeded (and is there) or is reported failed with its reason.
/// </summary>
internal static class DowntimeDrill
{
    public static Task<DowntimeDrillResult> RunAsync(DowntimeDrillSettings settings, ILogger log, CancellationToken cancellationToken = default) =>
        new Run(settings, log.ForContext(typeof(DowntimeDrill))).ExecuteAsync(cancellationToken);

    /// <summary>The faults, in the order they are injected.</summary>
    private static IDowntimeFault[] Faults(DowntimeDrillSettings settings) =>
    [
        new EndpointDownFault(settings.Downtime),
        new ResetPeerFault(settings.ResetPeerWindow),
        new LatencySpikeFault(settings.LatencySpike, settings.LatencySpikeJitter, settings.LatencySpikeDuration),
        new ServerRestartFault(settings.RestartServer),
    ];

    internal static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private sealed record RetryRecord(TimeSpan At, long Number, int Attempt, PostgresErrorKind Kind, bool ConnectionLost, string Message, TimeSpan Delay);

    private sealed class QueryState(long number, int worker, TimeSpan issuedAt)
    {
        private readonly object _gate = new();
        public long Number => number;
        public int Attempts;
        public TimeSpan? CompletedAt { get; private set; }
        public QueryOutcome Outcome { get; private set; }
        public string? Error { get; private set; }
        public bool AlreadyApplied { get; private set; }

        public void Complete(TimeSpan at, QueryOutcome outcome, string? error, bool alreadyApplied)
        {
            lock (_gate) (CompletedAt, Outcome, Error, AlreadyApplied) = (at, outcome, error, alreadyApplied);
        }

        public QueryRecord ToRecord()
        {
            lock (_gate) return new QueryRecord(number, worker, issuedAt, CompletedAt, Attempts, Outcome, Error, AlreadyApplied);
        }
    }

    private sealed class Run(DowntimeDrillSettings settings, ILogger log)
    {
        private static readonly ResiliencePropertyKey<QueryState> QueryKey = new("pipeline.drill.query");
        private readonly IDowntimeFault[] _faults = Faults(settings);

        private readonly TimeProvider _clock = settings.Clock;
        private readonly ConcurrentDictionary<long, QueryState> _queries = new();
        private readonly ConcurrentQueue<RetryRecord> _retries = new();
        private readonly ConcurrentQueue<(TimeSpan At, string Text)> _timeline = new();
        private readonly SemaphoreSlim _successSignal = new(0);
        private readonly string _table = "pipeline_downtime_drill_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Random.Shared.Next(1000, 9999);
        private long _start;
        private long _nextNumber;
        private long _lastSuccessTicks = -1;
        private volatile bool _stopIssuing;
        private volatile string _phase = "baseline";
        private volatile int _phaseNumber = 1;
        private DowntimeFaultContext? _faultContext;

        private TimeSpan Now => _clock.GetElapsedTime(_start);

        /// <summary>The progress phases: the baseline, one per fault, the verification.</summary>
        private int PhaseCount => _faults.Length + 2;

        public async Task<DowntimeDrillResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            settings.Retry.Validate();
            var server = DatabaseUrl.Parse(settings.ConnectionString);
            var pooler = ConnectivityTest.DetectPooler(server.Host!, server.Port);
            var startedAt = _clock.GetUtcNow();
            _start = _clock.GetTimestamp();

            await PrepareTableAsync(server, cancellationToken);
            EndPoint upstream = IPAddress.TryParse(server.Host, out var address) ? new IPEndPoint(address, server.Port) : new DnsEndPoint(server.Host!, server.Port);
            await using var proxy = FaultProxy.Start(new FaultProxySettings(upstream) { Clock = _clock }, log);
            var client = new NpgsqlConnectionStringBuilder(server.ConnectionString)
            {
                Host = proxy.ListenEndPoint.Address.ToString(),
                Port = proxy.Port,
                Timeout = Math.Max(1, (int)settings.Retry.AttemptTimeout.TotalSeconds),
                CommandTimeout = Math.Max(1, (int)settings.Retry.AttemptTimeout.TotalSeconds),
                MaxPoolSize = settings.Workers + 2,
                ApplicationName = "pipeline-downtime-drill",
            };
            if (pooler == SupabasePoolerMode.Transaction) client.MaxAutoPrepare = 0;
            await using var dataSource = NpgsqlDataSource.Create(client);
            _faultContext = new DowntimeFaultContext(proxy, _clock, Note);
            var pipeline = PostgresResiliencePipeline.Create(settings.Retry, dataSource, OnRetry, _clock);
            Note($"drill start: {settings.Workers} workers, one numbered query every {settings.QueryInterval.TotalMilliseconds:0} ms each, through proxy {proxy.ListenEndPoint} -> {DatabaseUrl.Describe(server)}");

            using var stopWorkers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = Enumerable.Range(1, settings.Workers).Select(w => WorkAsync(w, pipeline, dataSource, stopWorkers.Token)).ToArray();
            using var stopTicker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ticker = TickAsync(stopTicker.Token);
            var faults = new List<FaultOutcome>();
            try
            {
                await DelayAsync(settings.SettleTime, cancellationToken);
                var baselineEnd = Now;

                foreach (var fault in _faults)
                {
                    faults.Add(fault.SkipReason is { } skipped
                        ? new FaultOutcome(fault.Name, fault.Description) { SkipReason = skipped }
                        : await InjectAsync(fault, cancellationToken));
                }

                _phase = "verify";
                _phaseNumber = PhaseCount;
                _stopIssuing = true;
                Note("workload stopped; waiting for queries in flight");
                await Task.WhenAll(workers);
                var rows = await ReadRowsAsync(server, pipeline, cancellationToken);
                var queries = _queries.Values.Select(q => q.ToRecord()).OrderBy(q => q.Number).ToArray();
                var outcomes = faults.Select(f => Measure(f, queries)).ToArray();
                var result = new DowntimeDrillResult
                {
                    Endpoint = DatabaseUrl.Describe(server),
                    Source = settings.Source,
                    ProxyEndpoint = proxy.ListenEndPoint.ToString(),
                    StartedAt = startedAt,
                    Duration = Now,
                    Settings = settings,
                    Faults = outcomes,
                    Queries = queries,
                    Timeline = _timeline.Select(e => $"+{e.At.TotalSeconds,8:0.000} s  {e.Text}").ToArray(),
                    RowsOnServer = rows,
                    Problems = [],
                    BaselineLatency = LatencySummary.Of(queries.Where(q => q.Outcome == QueryOutcome.Succeeded && q.CompletedAt <= baselineEnd).Select(q => q.Latency!.Value).ToArray()),
                };
                result = result with { Problems = FindProblems(result) };
                Report(result);
                return result;
            }
            finally
            {
                _stopIssuing = true;
                await stopTicker.CancelAsync();
                await IgnoreCancellation(ticker);
                if (cancellationToken.IsCancellationRequested)
                {
                    await stopWorkers.CancelAsync();
                    foreach (var worker in workers) await IgnoreCancellation(worker);
                }
                await DropTableAsync(server);
            }
        }

        private async Task<FaultOutcome> InjectAsync(IDowntimeFault fault, CancellationToken cancellationToken)
        {
            _phase = fault.Name;
            _phaseNumber = Array.IndexOf(_faults, fault) + 2;
            var started = Now;
            Note($"fault {fault.Name}: {fault.Description}");
            log.Information("Fault {Fault}: {Description}", fault.Name, fault.Description);
            await fault.InjectAsync(_faultContext!, cancellationToken);
            var cleared = Now;
            Note($"fault {fault.Name}: cleared");
            await WaitForSuccessAfterAsync(cleared, cancellationToken);
            await DelayAsync(settings.SettleTime, cancellationToken);
            return new FaultOutcome(fault.Name, fault.Description) { StartedAt = started, ClearedAt = cleared };
        }

        private async Task WaitForSuccessAfterAsync(TimeSpan cleared, CancellationToken cancellationToken)
        {
            var deadline = cleared + settings.MaxRecovery;
            while (Interlocked.Read(ref _lastSuccessTicks) < cleared.Ticks)
            {
                var remaining = deadline - Now;
                if (remaining <= TimeSpan.Zero)
                {
                    Note($"no query succeeded within {Seconds(settings.MaxRecovery)} of the fault's end");
                    return;
                }
                await _successSignal.WaitAsync(remaining, cancellationToken);
            }
        }

        private async Task WorkAsync(int worker, ResiliencePipeline pipeline, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        {
            while (!_stopIssuing)
            {
                var number = Interlocked.Increment(ref _nextNumber);
                var query = new QueryState(number, worker, Now);
                _queries[number] = query; // registered before it runs, so a query that never finishes shows up as vanished
                var context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(QueryKey, query);
                try
                {
                    var written = await pipeline.ExecuteAsync(static async (context, state) =>
                    {
                        var (query, worker, dataSource, table) = state;
                        Interlocked.Increment(ref query.Attempts);
                        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
                        await using var command = new NpgsqlCommand($"insert into {table} (number, worker) values ($1, $2) on conflict (number) do nothing", connection);
                        command.Parameters.Add(new NpgsqlParameter { Value = query.Number });
                        command.Parameters.Add(new NpgsqlParameter { Value = worker });
                        return await command.ExecuteNonQueryAsync(context.CancellationToken);
                    }, context, (query, worker, dataSource, _table));
                    var at = Now;
                    query.Complete(at, QueryOutcome.Succeeded, null, alreadyApplied: written == 0);
                    if (written == 0) Note($"query #{number}: retry found its row already written (the reset came after the server ran it; not run twice)");
                    InterlockedMax(ref _lastSuccessTicks, at.Ticks);
                    _successSignal.Release();
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = $"{PostgresErrorClassifier.Classify(exception)} after {query.Attempts} attempts: {Describe(exception)}";
                    query.Complete(Now, QueryOutcome.Failed, reason, alreadyApplied: false);
                    Note($"query #{number} FAILED: {reason}");
                    log.Warning("Drill query #{Number} failed: {Reason}", number, reason);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }
                await DelayAsync(settings.QueryInterval, cancellationToken);
            }
        }

        private void OnRetry(PostgresRetryEvent retry)
        {
            var number = retry.Context.Properties.TryGetValue(QueryKey, out var query) ? query.Number : 0;
            var message = Describe(retry.Error);
            _retries.Enqueue(new RetryRecord(Now, number, retry.Attempt, retry.Kind, retry.ConnectionLost, message, retry.Delay));
            Note($"query #{number} attempt {retry.Attempt} failed ({retry.Kind}{(retry.ConnectionLost ? ", connection lost: pool cleared" : "")}): {message}; retry in {retry.Delay.TotalMilliseconds:0} ms");
            log.Debug("Drill query #{Number} attempt {Attempt} failed: {Message}; retry in {Delay}", number, retry.Attempt, message, retry.Delay);
            if (retry.ConnectionLost) _faultContext?.ConnectionLost();
        }

        private FaultOutcome Measure(FaultOutcome fault, IReadOnlyList<QueryRecord> queries)
        {
            if (fault.Skipped) return fault;
            var recovered = queries.Where(q => q.Outcome == QueryOutcome.Succeeded && q.CompletedAt >= fault.ClearedAt).Select(q => q.CompletedAt).Min();
            var end = recovered ?? fault.ClearedAt + settings.MaxRecovery;
            var retries = _retries.Where(r => r.At >= fault.StartedAt && r.At <= end).ToArray();
            var failed = queries.Where(q => q.Outcome == QueryOutcome.Failed && q.CompletedAt >= fault.StartedAt && q.CompletedAt <= end).ToArray();
            var completed = queries.Where(q => q.Outcome == QueryOutcome.Succeeded && q.CompletedAt >= fault.StartedAt && q.CompletedAt <= end)
                .Select(q => q.Latency!.Value).ToArray();
            return fault with
            {
                RecoveredAt = recovered,
                FailedAttempts = retries.Length + failed.Length,
                QueriesRetried = retries.Select(r => r.Number).Distinct().Count(),
                QueriesFailed = failed.Length,
                ConnectionLosses = retries.Count(r => r.ConnectionLost),
                FirstFailureAt = retries.Select(r => (TimeSpan?)r.At).Concat(failed.Select(q => q.CompletedAt)).Min(),
                Latency = LatencySummary.Of(completed),
            };
        }

        private List<string> FindProblems(DowntimeDrillResult result)
        {
            var problems = new List<string>();
            if (result.Queries.Count == 0) problems.Add("the workload ran no query");
            foreach (var fault in result.Faults.Where(f => !f.Skipped))
            {
                if (fault.RecoveredAt is null)
                    problems.Add($"{fault.Name}: no query succeeded within the maximum recovery time of {Seconds(settings.MaxRecovery)} after the fault was cleared");
                else if (fault.Recovery > settings.MaxRecovery)
                    problems.Add($"{fault.Name}: recovery took {Seconds(fault.Recovery!.Value)}, more than the maximum recovery time of {Seconds(settings.MaxRecovery)}");
            }
            if (result.Faults.FirstOrDefault(f => f.Name == "reset_peer") is { Skipped: false, ConnectionLosses: 0 })
                problems.Add("reset_peer: no query was cut, so the fault was not exercised (is the workload running?)");
            if (result.Vanished.Count > 0)
                problems.Add($"{result.Vanished.Count} queries vanished (no outcome, or reported done but missing on the server): #{string.Join(", #", result.Vanished.Take(20))}");
            return problems;
        }

        private async Task PrepareTableAsync(NpgsqlConnectionStringBuilder server, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(Direct(server));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"create table {_table} (number bigint primary key, worker int not null, written_at timestamptz not null default clock_timestamp())", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            Note($"created table {_table} for the numbered queries (dropped at the end)");
        }

        private async Task<IReadOnlySet<long>> ReadRowsAsync(NpgsqlConnectionStringBuilder server, ResiliencePipeline pipeline, CancellationToken cancellationToken)
        {
            // Read straight from the server, not through the proxy: this is the independent check.
            var rows = await pipeline.ExecuteAsync(async token =>
            {
                await using var connection = new NpgsqlConnection(Direct(server));
                await connection.OpenAsync(token);
                await using var command = new NpgsqlCommand($"select number from {_table}", connection);
                var found = new HashSet<long>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token)) found.Add(reader.GetInt64(0));
                return found;
            }, cancellationToken);
            Note($"server check: {rows.Count} rows in {_table}");
            return rows;
        }

        private async Task DropTableAsync(NpgsqlConnectionStringBuilder server)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await using var connection = new NpgsqlConnection(Direct(server));
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand($"drop table if exists {_table}", connection);
                await command.ExecuteNonQueryAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                log.Warning("Could not drop the drill table {Table}: {Message}. Drop it by hand.", _table, exception.Message);
            }
        }

        private static string Direct(NpgsqlConnectionStringBuilder server) =>
            new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false, ApplicationName = "pipeline-downtime-drill-check" }.ConnectionString;

        private async Task TickAsync(CancellationToken cancellationToken)
        {
            if (settings.Progress is null) return;
            while (!cancellationToken.IsCancellationRequested)
            {
                var states = _queries.Values.Select(q => q.ToRecord()).ToArray();
                settings.Progress.Report(new DowntimeDrillProgress(_phase, _phaseNumber, PhaseCount,
                    states.Count(q => q.Outcome == QueryOutcome.Succeeded), states.Count(q => q.Outcome == QueryOutcome.Failed),
                    states.Count(q => q.Outcome == QueryOutcome.Pending), _retries.Count));
                await Task.Delay(TimeSpan.FromMilliseconds(250), _clock, cancellationToken);
            }
        }

        private void Report(DowntimeDrillResult result)
        {
            foreach (var fault in result.Faults)
            {
                if (fault.Skipped) log.Information("Fault {Fault}: skipped ({Reason})", fault.Name, fault.SkipReason);
                else
                    log.Information("Fault {Fault}: {Attempts} failed attempts, {Retried} queries retried, {Failed} failed, recovery {Recovery}",
                        fault.Name, fault.FailedAttempts, fault.QueriesRetried, fault.QueriesFailed,
                        fault.Recovery is { } r ? $"{r.TotalMilliseconds:0} ms" : "NONE");
            }
            log.Information("Drill queries: {Issued} issued, {Succeeded} succeeded, {Failed} failed with a reason, {Vanished} vanished; {Rows} rows on the server",
                result.Queries.Count, result.Succeeded, result.Failed, result.Vanished.Count, result.RowsOnServer.Count);
        }

        private void Note(string text) => _timeline.Enqueue((Now, text));

        private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _clock, cancellationToken);

        private static async Task IgnoreCancellation(Task task)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long current;
            while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }

        private static string Describe(Exception exception) => exception switch
        {
            TimeoutRejectedException => "attempt timed out",
            PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
            NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message} ({inner.Message})",
            _ => exception.Message,
        };
    }
}
