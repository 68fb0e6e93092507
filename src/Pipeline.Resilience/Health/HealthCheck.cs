using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Health;

/// <summary>
/// <c>HealthCheck</c>'s work (AC2.3): runs the connectivity test, appends the result to
/// <c>reports/health/history.jsonl</c> (pruned to the retention), and writes
/// <c>reports/health/diff-YYYYMMDD.md</c> against the previous run.
/// </summary>
public static class HealthCheck
{
    public static async Task<HealthCheckResult> RunAsync(HealthCheckSettings settings, RunContext context)
    {
        if (settings.RetentionDays < 1)
            throw new UserInputException($"A health history retention of {settings.RetentionDays} days keeps nothing: keep at least 1 day.");
        var (evidence, log, clock, cancellationToken) = (context.Evidence, context.Log, context.Clock, context.CancellationToken);
        await using var database = await DatabaseUnderTest.OpenAsync(settings.DatabaseUrl, settings.PgBin, context);
        var connectivity = await ConnectivityTest.RunAsync(
            new ConnectivityTestSettings(database.ConnectionString) { Samples = settings.Samples, Source = database.Source, Clock = clock }, log, cancellationToken);
        var connectivityLog = evidence.WriteText(EvidenceNames.DbConnectivityTest.Template, ConnectivityReport.Render(connectivity));

        // An embedded cluster gets a new port every run; name it so runs compare like for like.
        var endpoint = database.Embedded is null ? connectivity.Endpoint : "embedded PostgreSQL (127.0.0.1)";
        var now = clock.GetUtcNow();
        var record = HealthRecord.From(connectivity, endpoint, now);
        var history = HealthHistory.Load(evidence.Resolve(EvidenceNames.HealthHistory.Template));
        if (history.UnreadableLines.Count > 0)
            log.Warning("{Count} lines of {History} are not health records; they are kept as they are", history.UnreadableLines.Count, evidence.Relative(history.Path));
        var diff = HealthDiff.Compare(history.Latest, record, settings.Diff);
        var pruned = history.AppendAndPrune(record, TimeSpan.FromDays(settings.RetentionDays), now, evidence.Redactor);
        var diffFile = evidence.WriteText(EvidenceNames.HealthDiff.Template, diff.Render());

        foreach (var change in diff.Changes) log.Warning("Health change: {What} {Previous} -> {Current}: {Meaning}", change.What, change.Previous, change.Current, change.Meaning);
        log.Information("Health {Status}; history {History} ({Pruned} pruned), diff {Diff}", record.Status, evidence.Relative(history.Path), pruned, evidence.Relative(diffFile));
        return new HealthCheckResult(connectivity, diff, evidence.Relative(history.Path), evidence.Relative(diffFile), evidence.Relative(connectivityLog),
            history.Records.Count + 1 - pruned, pruned, history.UnreadableLines.Count, [connectivityLog, history.Path, diffFile]);
    }
}
