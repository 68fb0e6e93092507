using System.Diagnostics;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.LocalBackends.Postgres;
using Pipeline.Resilience.Postgres;
using Pipeline.Resilience.Postgres.Drill;
using Pipeline.Resilience.Tests.Postgres;
using Serilog.Core;
using Spectre.Console;

namespace Pipeline.Resilience.Tests.Postgres.Drill;

/// <summary>What DrillSupabase does: evidence files, failures with their reason, the embedded cluster's clean-up.</summary>
public sealed class SupabaseDrillTests(EmbeddedPostgresFixture fixture) : IClassFixture<EmbeddedPostgresFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("supabase-drill-").FullName;
    private string Temp => Path.Combine(_root, ".nuke", "temp");

    private RunContext Context(IAnsiConsole? console = null) => new(new EvidenceStore(_root), Logger.None, console, temporaryDirectory: Temp);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_reachable_database_passes_and_writes_the_connectivity_log()
    {
        var result = await SupabaseDrill.RunAsync(new SupabaseDrillSettings { DatabaseUrl = await fixture.CreateDatabaseAsync() }, Context());

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Equal([Path.Combine(_root, result.ConnectivityLog)], result.EvidenceFiles);
        Assert.Null(result.Drill);
        Assert.Matches(@"^reports/db_connectivity_test_\d{8}\.log$", result.ConnectivityLog);
        Assert.Contains("Result: HEALTHY", File.ReadAllText(Path.Combine(_root, result.ConnectivityLog)));
        Assert.StartsWith("select 1 p95", result.Headline);
    }

    [Fact]
    public async Task A_server_that_is_not_running_fails_fast_with_the_reason_and_skips_the_drill()
    {
        var port = EmbeddedPostgres.FreeLoopbackPort();
        var watch = Stopwatch.StartNew();

        var result = await SupabaseDrill.RunAsync(new SupabaseDrillSettings
        {
            DatabaseUrl = $"postgres://postgres:planted-secret-9876@127.0.0.1:{port}/postgres", // planted test value; pipeline:allow-secret
            SimulateDowntime = true,
        }, Context());

        Assert.Null(result.Drill);
        Assert.Contains("Connection refused", result.Outcome.Failure);
        Assert.EndsWith($"(see {result.ConnectivityLog})", result.Outcome.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.DoesNotContain("planted-secret-9876", File.ReadAllText(Path.Combine(_root, result.ConnectivityLog)));
    }

    [Fact]
    public async Task Without_a_url_it_drills_an_embedded_cluster_shows_progress_and_removes_the_cluster()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });

        var result = await SupabaseDrill.RunAsync(new SupabaseDrillSettings
        {
            SimulateDowntime = true,
            Downtime = TimeSpan.FromSeconds(1),
        }, Context(console));

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Equal([result.ConnectivityLog, result.DrillLog], result.EvidenceFiles.Select(f => Path.GetRelativePath(_root, f)));
        Assert.StartsWith("embedded PostgreSQL ", result.Connectivity.Source);
        Assert.EndsWith(result.Connectivity.ServerVersion!, result.Connectivity.Source);
        Assert.False(result.Drill!.Faults.Single(f => f.Name == "restart").Skipped);
        Assert.Matches(@"^reports/supabase-downtime-drill-\d{8}\.log$", result.DrillLog);
        Assert.Matches(@"\(\d/6\): \d+ ok, \d+ failed", output.ToString());
        Assert.Empty(Directory.EnumerateDirectories(Temp, "pg-*"));
        Assert.Empty(PostgresProcesses.Under(Temp));
    }
}
