using Pipeline.LocalBackends.Postgres;
using Serilog;
using Serilog.Core;

namespace Pipeline.LocalBackends.Tests.Postgres;

/// <summary>
/// One real cluster per test class (initdb costs seconds); each test takes its own database from it with
/// <see cref="CreateDatabaseAsync"/>, so tests stay isolated.
/// </summary>
public sealed class EmbeddedPostgresFixture : IAsyncLifetime
{
    public static string TestClustersDirectory { get; } = Path.Combine(Path.GetTempPath(), "pipeline-resilience-tests");

    private EmbeddedPostgres? _cluster;

    public EmbeddedPostgres Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public Task<string> CreateDatabaseAsync() => Cluster.CreateDatabaseAsync();

    /// <summary>"15." for the machine's default PostgreSQL 15 binaries; the folder's major version for any other.</summary>
    public static string ExpectedVersionPrefix(EmbeddedPostgres cluster) =>
        Path.GetFileName(Path.GetDirectoryName(cluster.BinDirectory)) is { } major && int.TryParse(major, out _) ? major + "." : "";

    public async Task InitializeAsync() =>
        _cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(TestClustersDirectory), Logger.None);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
