using Pipeline.LocalBackends.Postgres;
using Pipeline.Resilience.Postgres;
using Pipeline.Resilience.Postgres.Drill;
using Pipeline.Resilience.Tests.Postgres;
using Serilog.Core;

namespace Pipeline.Resilience.Tests.Postgres.Drill;

/// <summary>The drill end to end against a real cluster (its own: the drill restarts it).</summary>
public sealed class DowntimeDrillTests : IAsyncLifetime
{
    private EmbeddedPostgres _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(EmbeddedPostgresFixture.TestClustersDirectory), Logger.None);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private DowntimeDrillSettings Short(string connectionString) => new(connectionString)
    {
        Downtime = TimeSpan.FromSeconds(1.5),
        SettleTime = TimeSpan.FromMilliseconds(400),
        LatencySpike = TimeSpan.FromMilliseconds(300),
        LatencySpikeJitter = TimeSpan.FromMilliseconds(50),
        LatencySpikeDuration = TimeSpan.FromSeconds(1),
        QueryInterval = TimeSpan.FromMilliseconds(50),
        MaxRecovery = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task Every_fault_recovers_and_every_numbered_query_is_accounted_for()
    {
        var database = await _cluster.CreateDatabaseAsync();
        var progress = new List<DowntimeDrillProgress>();

        var result = await DowntimeDrill.RunAsync(Short(database) with
        {
            RestartServer = _cluster.RestartAsync,
            Progress = new SynchronousProgress(progress),
        }, Logger.None);

        Assert.True(result.Passed, string.Join("\n", result.Problems));
        Assert.Equal(["down", "reset_peer", "latency", "restart"], result.Faults.Select(f => f.Name));
        Assert.All(result.Faults, f => Assert.NotNull(f.RecoveredAt));
        var down = result.Faults[0];
        Assert.True(down.FailedAttempts > 0, "the endpoint was down but no attempt failed");
        Assert.True(down.Disruption >= TimeSpan.FromSeconds(1), $"disruption {down.Disruption}");
        Assert.True(result.Faults[1].ConnectionLosses > 0);
        Assert.True(result.Faults[2].Latency!.P95 >= TimeSpan.FromMilliseconds(250), $"spike p95 {result.Faults[2].Latency!.P95}");
        Assert.True(result.Faults[3].FailedAttempts > 0, "the server restarted but no attempt failed");
        Assert.Empty(result.Vanished);
        Assert.All(result.Queries.Where(q => q.Outcome == QueryOutcome.Succeeded), q => Assert.Contains(q.Number, result.RowsOnServer));
        Assert.Contains(progress, p => p.Phase == "down");

        var report = DowntimeDrillReport.Render(result);
        Assert.Contains("Result: PASS", report);
        Assert.Contains("| down |", report);
        Assert.Contains($"issued {result.Queries.Count}", report);
    }

    [Fact]
    public async Task A_backoff_slower_than_the_maximum_recovery_fails_the_drill()
    {
        var database = await _cluster.CreateDatabaseAsync();

        // Every retry waits 3 s without jitter; the endpoint is back after 1.5 s, so the first success comes
        // ~1.5 s after the fault cleared, far beyond the 0.3 s allowed.
        var result = await DowntimeDrill.RunAsync(Short(database) with
        {
            MaxRecovery = TimeSpan.FromMilliseconds(300),
            Retry = new PostgresRetryOptions { BaseDelay = TimeSpan.FromSeconds(3), MaxDelay = TimeSpan.FromSeconds(3), UseJitter = false },
        }, Logger.None);

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.StartsWith("down:", StringComparison.Ordinal));
        Assert.Equal("external server: the drill does not restart a server it does not own", result.Faults[3].SkipReason);
        Assert.Empty(result.Vanished);
        Assert.Contains("Result: FAIL", DowntimeDrillReport.Render(result));
    }

    [Fact]
    public async Task Queries_that_exhaust_their_retries_are_reported_failed_with_the_reason_not_lost()
    {
        var database = await _cluster.CreateDatabaseAsync();

        var result = await DowntimeDrill.RunAsync(Short(database) with
        {
            Retry = new PostgresRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(50) },
        }, Logger.None);

        Assert.True(result.Failed > 0, "a 1.5 s outage must outlast a single 50 ms retry");
        Assert.All(result.Queries.Where(q => q.Outcome == QueryOutcome.Failed), q => Assert.StartsWith("Transient after 2 attempts", q.Error));
        Assert.Empty(result.Vanished);
        Assert.True(result.Passed, string.Join("\n", result.Problems));
        Assert.Contains("FAILED: Transient after 2 attempts", DowntimeDrillReport.Render(result));
    }

    [Fact]
    public async Task A_cancelled_drill_stops_and_drops_its_table()
    {
        var database = await _cluster.CreateDatabaseAsync();
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelOnPhase("down", cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DowntimeDrill.RunAsync(Short(database) with { Progress = progress }, Logger.None, cancellation.Token));

        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        var tables = await new Npgsql.NpgsqlCommand("select count(*) from pg_tables where tablename like 'pipeline_downtime_drill_%'", connection).ExecuteScalarAsync();
        Assert.Equal(0L, tables);
    }

    private sealed class CancelOnPhase(string phase, CancellationTokenSource cancellation) : IProgress<DowntimeDrillProgress>
    {
        public void Report(DowntimeDrillProgress value)
        {
            if (value.Phase == phase) cancellation.Cancel();
        }
    }

    private sealed class SynchronousProgress(List<DowntimeDrillProgress> seen) : IProgress<DowntimeDrillProgress>
    {
        public void Report(DowntimeDrillProgress value)
        {
            lock (seen) seen.Add(value);
        }
    }
}
