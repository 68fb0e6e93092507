using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Pipeline.Resilience.Postgres;
using Polly;

namespace Pipeline.Resilience.Tests.Postgres;

/// <summary>The retry policy's timing on a fake clock, and its pool clearing against a real server.</summary>
public sealed class PostgresResiliencePipelineTests(EmbeddedPostgresFixture fixture) : IClassFixture<EmbeddedPostgresFixture>
{
    private static readonly PostgresRetryOptions NoJitter = new() { UseJitter = false };

    private static NpgsqlException ConnectionRefused() => new("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    /// <summary>Advances the fake clock until the call completes; each step lets the pipeline register its next timer.</summary>
    private static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Task<T> call)
    {
        for (var i = 0; i < 2000 && !call.IsCompleted; i++)
        {
            await Task.Delay(2);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        return await call;
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_doubling_delays_until_success()
    {
        var clock = new FakeTimeProvider();
        var events = new List<PostgresRetryEvent>();
        var pipeline = PostgresResiliencePipeline.Create(NoJitter, onRetry: events.Add, clock: clock);
        var attempts = 0;

        var result = await DriveAsync(clock, pipeline.ExecuteAsync(_ => ++attempts < 4 ? throw ConnectionRefused() : ValueTask.FromResult("ok")).AsTask());

        Assert.Equal("ok", result);
        Assert.Equal(4, attempts);
        Assert.Equal([200, 400, 800], events.Select(e => (int)e.Delay.TotalMilliseconds));
        Assert.All(events, e => Assert.True(e.ConnectionLost));
    }

    [Fact]
    public async Task Delays_are_capped_at_the_maximum()
    {
        var clock = new FakeTimeProvider();
        var events = new List<PostgresRetryEvent>();
        var options = NoJitter with { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2), MaxRetryAttempts = 4 };
        var pipeline = PostgresResiliencePipeline.Create(options, onRetry: events.Add, clock: clock);

        await Assert.ThrowsAsync<NpgsqlException>(() => DriveAsync(clock, pipeline.ExecuteAsync<int>(_ => throw ConnectionRefused()).AsTask()));

        Assert.Equal([1000, 2000, 2000, 2000], events.Select(e => (int)e.Delay.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(7), options.RetryBudget);
    }

    [Fact]
    public async Task A_wrong_password_is_not_retried()
    {
        var events = new List<PostgresRetryEvent>();
        var pipeline = PostgresResiliencePipeline.Create(new PostgresRetryOptions(), onRetry: events.Add);
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(async () => await pipeline.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new PostgresException("password authentication failed", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword);
        }));

        Assert.Equal(1, attempts);
        Assert.Empty(events);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out_and_is_retried()
    {
        var clock = new FakeTimeProvider();
        var events = new List<PostgresRetryEvent>();
        var pipeline = PostgresResiliencePipeline.Create(NoJitter with { AttemptTimeout = TimeSpan.FromSeconds(1) }, onRetry: events.Add, clock: clock);
        var attempts = 0;

        var result = await DriveAsync(clock, pipeline.ExecuteAsync(async token =>
        {
            if (++attempts == 1) await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return attempts;
        }).AsTask());

        Assert.Equal(2, result);
        Assert.Equal(PostgresErrorKind.Transient, Assert.Single(events).Kind);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(events[0].Error);
    }

    [Fact]
    public async Task A_lost_connection_clears_the_pool_of_the_data_source()
    {
        var name = "pool-clear-" + Guid.NewGuid().ToString("N")[..8];
        var builder = new NpgsqlConnectionStringBuilder(await fixture.CreateDatabaseAsync()) { ApplicationName = name };
        await using var dataSource = NpgsqlDataSource.Create(builder);
        await using (var connection = await dataSource.OpenConnectionAsync()) { } // now idle in the pool
        Assert.Equal(1L, await WaitForSessionsAsync(name, expected: 1));
        var pipeline = PostgresResiliencePipeline.Create(NoJitter with { MaxRetryAttempts = 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) }, dataSource);
        var attempts = 0;

        await pipeline.ExecuteAsync(_ => ++attempts == 1 ? throw ConnectionRefused() : ValueTask.CompletedTask);

        Assert.Equal(0L, await WaitForSessionsAsync(name, expected: 0));
    }

    /// <summary>The number of sessions with that application name, polled until it is as expected or 5 s passed (pg_stat_activity lags a closing backend).</summary>
    private async Task<long> WaitForSessionsAsync(string applicationName, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        long count;
        while (true)
        {
            await using var connection = new NpgsqlConnection(fixture.Cluster.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
            count = (long)(await command.ExecuteScalarAsync())!;
            if (count == expected || DateTime.UtcNow > deadline) return count;
            await Task.Delay(50);
        }
    }
}
