using Npgsql;
using Pipeline.LocalBackends.Postgres;
using Serilog.Core;

namespace Pipeline.LocalBackends.Tests.Postgres;

/// <summary>Start, stop, restart and clean-up; each test owns its cluster because it stops or kills it.</summary>
public sealed class EmbeddedPostgresLifecycleTests : IDisposable
{
    private readonly string _parent = Path.Combine(EmbeddedPostgresFixture.TestClustersDirectory, "lifecycle-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_parent)) Directory.Delete(_parent, recursive: true);
    }

    [Fact]
    public async Task Dispose_stops_every_server_process_and_deletes_the_cluster_folder()
    {
        var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(_parent), Logger.None);
        var folder = cluster.ClusterDirectory;
        Assert.NotEmpty(PostgresProcesses.Under(cluster.DataDirectory));

        await cluster.DisposeAsync();

        Assert.Empty(PostgresProcesses.Under(cluster.DataDirectory));
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateDirectories(_parent));
    }

    [Fact]
    public async Task Stop_refuses_connections_and_start_serves_again_on_the_same_port()
    {
        await using var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(_parent), Logger.None);
        var port = cluster.Port;
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString;

        await cluster.StopAsync();
        Assert.False(cluster.IsRunning);
        var refused = await Assert.ThrowsAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        });
        Assert.True(refused.IsTransient);

        await cluster.StopAsync(); // already stopped: nothing to do
        await cluster.StartAsync();
        await cluster.StartAsync(); // already running: only probed
        Assert.True(cluster.IsRunning);
        Assert.Equal(port, cluster.Port);
        await using var again = new NpgsqlConnection(connectionString);
        await again.OpenAsync();
        Assert.Equal(1, await new NpgsqlCommand("select 1", again).ExecuteScalarAsync());
    }

    [Fact]
    public async Task Restart_cuts_open_sessions_and_keeps_the_data()
    {
        await using var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(_parent), Logger.None);
        var connectionString = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { Pooling = false }.ConnectionString;
        await using var session = new NpgsqlConnection(connectionString);
        await session.OpenAsync();
        await new NpgsqlCommand("create table kept(id int); insert into kept values (42)", session).ExecuteNonQueryAsync();

        await cluster.RestartAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => new NpgsqlCommand("select 1", session).ExecuteScalarAsync());
        await using var fresh = new NpgsqlConnection(connectionString);
        await fresh.OpenAsync();
        Assert.Equal(42, await new NpgsqlCommand("select id from kept", fresh).ExecuteScalarAsync());
    }

    [Theory]
    [InlineData(EmbeddedPostgresStep.InitializingCluster)]
    [InlineData(EmbeddedPostgresStep.StartingServer)]
    [InlineData(EmbeddedPostgresStep.WaitingForConnections)]
    public async Task A_create_cancelled_during_server_start_leaves_no_process_and_no_folder(EmbeddedPostgresStep step)
    {
        using var cancellation = new CancellationTokenSource();
        // Cancelled as the step begins (reported synchronously, before its work): no race with a fast machine.
        var progress = new CancelAtStep(step, cancellation, () => PostgresProcesses.Under(_parent).Count);
        var settings = new EmbeddedPostgresSettings(_parent) { Progress = progress };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedPostgres.CreateAsync(settings, Logger.None, cancellation.Token));

        Assert.Equal(step, progress.Steps[^1]); // cancelled at that step, nothing ran after it
        if (step == EmbeddedPostgresStep.WaitingForConnections)
            Assert.True(progress.ProcessesAtCancel > 0, "The server should have been running when the create was cancelled.");
        Assert.Empty(PostgresProcesses.Under(_parent));
        Assert.Empty(Directory.EnumerateDirectories(_parent));
    }

    [Fact]
    public async Task Bad_binaries_fail_before_anything_is_created()
    {
        var error = await Assert.ThrowsAsync<Pipeline.Core.Errors.UserInputException>(() =>
            EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(_parent) { BinDirectory = "/nonexistent" }, Logger.None));

        Assert.Contains("apt-get install postgresql-15", error.Message);
        Assert.False(Directory.Exists(_parent) && Directory.EnumerateDirectories(_parent).Any());
    }

    [Fact]
    public async Task A_folder_the_postgres_account_cannot_enter_falls_back_to_the_system_temp_folder()
    {
        if (!Environment.IsPrivilegedProcess) return; // only root hands the cluster to another account
        var closed = Directory.CreateTempSubdirectory("closed-").FullName; // mode 700, like a checkout under /root
        try
        {
            await using var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(closed), Logger.None);

            Assert.StartsWith(EmbeddedPostgres.FallbackParentDirectory, cluster.ClusterDirectory);
            Assert.True(cluster.IsRunning);
            await cluster.DisposeAsync();
            Assert.False(Directory.Exists(cluster.ClusterDirectory));
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_folder_left_by_a_dead_process_is_removed_by_the_next_create()
    {
        using var finished = System.Diagnostics.Process.Start("true")!;
        await finished.WaitForExitAsync();
        var abandoned = Directory.CreateDirectory(Path.Combine(_parent, "pg-deadbeef")).FullName;
        File.WriteAllText(Path.Combine(abandoned, "owner.pid"), finished.Id.ToString());
        var alive = Directory.CreateDirectory(Path.Combine(_parent, "pg-0a11ve00")).FullName;
        File.WriteAllText(Path.Combine(alive, "owner.pid"), Environment.ProcessId.ToString());

        await using var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(_parent), Logger.None);

        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(alive)); // its owner (this process) is alive: it may be in use
    }

    /// <summary>Records the steps and cancels the create when the given one begins, noting how many server processes ran then.</summary>
    private sealed class CancelAtStep(EmbeddedPostgresStep step, CancellationTokenSource cancellation, Func<int> countProcesses)
        : IProgress<EmbeddedPostgresStep>
    {
        public List<EmbeddedPostgresStep> Steps { get; } = [];
        public int ProcessesAtCancel { get; private set; } = -1;

        public void Report(EmbeddedPostgresStep value)
        {
            Steps.Add(value);
            if (value != step || cancellation.IsCancellationRequested) return;
            ProcessesAtCancel = countProcesses();
            cancellation.Cancel();
        }
    }
}
