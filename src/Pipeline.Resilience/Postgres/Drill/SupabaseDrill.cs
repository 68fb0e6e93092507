using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Serilog;
using Spectre.Console;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// <c>DrillSupabase</c>'s work: the connectivity test (<c>db_connectivity_test_YYYYMMDD.log</c>), then, with
/// <see cref="SupabaseDrillSettings.SimulateDowntime"/>, the downtime drill
/// (<c>supabase-downtime-drill-YYYYMMDD.log</c>). Without a database URL both run against an embedded cluster,
/// which the drill also restarts.
/// </summary>
public static class SupabaseDrill
{
    public static async Task<SupabaseDrillResult> RunAsync(SupabaseDrillSettings settings, RunContext context)
    {
        var (evidence, log, cancellationToken) = (context.Evidence, context.Log, context.CancellationToken);
        await using var database = await DatabaseUnderTest.OpenAsync(settings.DatabaseUrl, settings.PgBin, context);
        var connectivity = await ConnectivityTest.RunAsync(
            new ConnectivityTestSettings(database.ConnectionString) { Samples = settings.Samples, Source = database.Source, Clock = context.Clock }, log, cancellationToken);
        var connectivityLog = evidence.WriteText(EvidenceNames.DbConnectivityTest.Template, ConnectivityReport.Render(connectivity));
        log.Information("Connectivity test written to {Path}", evidence.Relative(connectivityLog));
        if (!connectivity.Healthy || !settings.SimulateDowntime)
            return new SupabaseDrillResult(connectivity, evidence.Relative(connectivityLog), null, null, [connectivityLog]);

        var drillSettings = new DowntimeDrillSettings(database.ConnectionString)
        {
            Downtime = settings.Downtime,
            MaxRecovery = settings.MaxRecovery,
            Source = database.Source,
            RestartServer = database.Embedded is { } cluster ? cluster.RestartAsync : null,
        };
        var drill = await WithProgressAsync(context.Console, drillSettings, log, cancellationToken);
        var drillLog = evidence.WriteText(EvidenceNames.SupabaseDowntimeDrill.Template, DowntimeDrillReport.Render(drill));
        log.Information("Downtime drill written to {Path}", evidence.Relative(drillLog));
        return new SupabaseDrillResult(connectivity, evidence.Relative(connectivityLog), drill, evidence.Relative(drillLog), [connectivityLog, drillLog]);
    }

    private static Task<DowntimeDrillResult> WithProgressAsync(IAnsiConsole console, DowntimeDrillSettings settings, ILogger log, CancellationToken cancellationToken) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("downtime drill", maxValue: 1);
                var progress = new Progress<DowntimeDrillProgress>(p =>
                {
                    task.Description = Markup.Escape($"{p.Phase} ({p.PhaseNumber}/{p.PhaseCount}): {p.Succeeded} ok, {p.Failed} failed, {p.InFlight} in flight, {p.FailedAttempts} retries");
                    task.Value = (double)(p.PhaseNumber - 1) / p.PhaseCount;
                });
                var result = await DowntimeDrill.RunAsync(settings with { Progress = progress }, log, cancellationToken);
                task.Value = 1;
                return result;
            });
}
