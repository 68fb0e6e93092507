using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Resilience.Health;
using Pipeline.Resilience.Tests.Postgres;
using Pipeline.Core.Logging;
using Serilog.Events;

namespace Pipeline.Resilience.Tests.Health;

/// <summary>HealthCheck end to end against a real cluster, with the evidence written to a temp repository root.</summary>
public sealed class HealthCheckTests(EmbeddedPostgresFixture fixture) : IClassFixture<EmbeddedPostgresFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("health-check-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _console = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<HealthCheckResult> RunAsync(string databaseUrl)
    {
        // The build's own logger: redacting console (captured here) and a .clef file under the root.
        var (log, _) = BuildLog.Create(_root, _clock.GetUtcNow(), LogEventLevel.Verbose, SecretRedactor.Global, _console);
        using (log)
            return await HealthCheck.RunAsync(new HealthCheckSettings { DatabaseUrl = databaseUrl, Samples = 5 },
                new RunContext(new EvidenceStore(_root, _clock), log, clock: _clock));
    }

    [Fact]
    public async Task Two_runs_build_a_history_and_a_diff_against_the_previous_run()
    {
        var database = await fixture.CreateDatabaseAsync();

        var first = await RunAsync(database);
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await RunAsync(database);

        Assert.Equal(RunOutcome.Passed, first.Outcome);
        Assert.Equal(RunOutcome.Passed, second.Outcome);
        Assert.Equal([second.ConnectivityLog, second.HistoryFile, second.DiffFile], second.EvidenceFiles.Select(f => Path.GetRelativePath(_root, f)));
        Assert.Equal("reports/health/history.jsonl", second.HistoryFile);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_root, second.HistoryFile)).Length);
        Assert.Equal("reports/health/diff-20261125.md", first.DiffFile);
        Assert.Equal("reports/health/diff-20261126.md", second.DiffFile);
        Assert.Contains("this run is the baseline", File.ReadAllText(Path.Combine(_root, first.DiffFile)));
        Assert.Contains("Compared with the previous run of 2026-11-25 02:00:00 UTC", File.ReadAllText(Path.Combine(_root, second.DiffFile)));
        Assert.True(File.Exists(Path.Combine(_root, second.ConnectivityLog)));
    }

    [Fact]
    public async Task A_wrong_password_is_unhealthy_the_diff_says_down_and_the_password_appears_nowhere()
    {
        var database = await fixture.CreateDatabaseAsync();
        await RunAsync(database);
        var wrong = new NpgsqlConnectionStringBuilder(database) { Password = "planted-wrong-password-77" }.ConnectionString;

        _clock.Advance(TimeSpan.FromHours(1));
        var result = await RunAsync(wrong);

        Assert.StartsWith("The database is unhealthy: ", result.Outcome.Failure);
        Assert.EndsWith($"(see {result.DiffFile})", result.Outcome.Failure);
        Assert.True(result.Diff.StatusChanged);
        Assert.Equal("reports/health/diff-20261125-030000.md", result.DiffFile); // same day: the first diff is not overwritten
        var diff = File.ReadAllText(Path.Combine(_root, result.DiffFile));
        Assert.Contains("DOWN: fails at step 'auth'", diff);
        Assert.Contains("28P01", diff);
        var everything = string.Concat(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(File.ReadAllText)) + _console;
        Assert.DoesNotContain("planted-wrong-password-77", everything);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database).Password!, everything);
        Assert.Contains(SecretRedactor.Mask("planted-wrong-password-77"), SecretRedactor.Global.Redact("planted-wrong-password-77"));
    }

    [Fact]
    public async Task Old_history_is_pruned_by_the_retention()
    {
        var database = await fixture.CreateDatabaseAsync();
        await RunAsync(database);

        _clock.Advance(TimeSpan.FromDays(31));
        var result = await RunAsync(database);

        Assert.Equal(1, result.Pruned);
        Assert.Equal(1, result.HistoryRecords);
        Assert.NotNull(result.Diff.Previous); // still compared with the run before, even though it left the history
    }

    [Fact]
    public async Task A_retention_below_one_day_is_a_user_error_before_anything_runs()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            HealthCheck.RunAsync(new HealthCheckSettings { RetentionDays = 0 }, new RunContext(new EvidenceStore(_root, _clock), clock: _clock)));

        Assert.Equal("A health history retention of 0 days keeps nothing: keep at least 1 day.", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "reports")));
    }
}
