using System.Globalization;
using System.Text;
using Pipeline.Core.Text;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>Renders the drill as <c>supabase-downtime-drill-YYYYMMDD.log</c>: policy, faults, recovery, the ledger of every query.</summary>
internal static class DowntimeDrillReport
{
    /// <remarks>
    /// The faults table is Markdown; what the server or the user gave (endpoint, server error messages in skip reasons,
    /// failures and problems) is escaped with <see cref="UntrustedText"/> so it cannot break the table or smuggle markup.
    /// </remarks>
    public static string Render(DowntimeDrillResult result)
    {
        var invariant = CultureInfo.InvariantCulture;
        var settings = result.Settings;
        var retry = settings.Retry;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"Supabase / PostgreSQL downtime drill - {result.StartedAt:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(invariant, $"Endpoint: {UntrustedText.Markdown(result.Endpoint)} ({result.Source}), faults injected by the proxy at {result.ProxyEndpoint}");
        text.AppendLine(invariant, $"Retry policy: exponential backoff from {Ms(retry.BaseDelay)} doubling up to {Ms(retry.MaxDelay)}, jitter {(retry.UseJitter ? "on" : "off")}, " +
                                   $"at most {retry.MaxRetryAttempts} retries, {Ms(retry.AttemptTimeout)} per attempt; retried: NpgsqlException.IsTransient, " +
                                   $"SQLSTATE {string.Join('/', PostgresErrorClassifier.RestartSqlStates.Order())}, attempt timeouts; pool cleared on connection loss");
        text.AppendLine(invariant, $"Workload: {settings.Workers} workers, one numbered idempotent insert every {Ms(settings.QueryInterval)} each; " +
                                   $"max recovery {settings.MaxRecovery.TotalSeconds:0.#} s");
        if (result.BaselineLatency is { } baseline)
            text.AppendLine(invariant, $"Baseline latency: p50 {Ms(baseline.P50)}, p95 {Ms(baseline.P95)} over {baseline.Count} queries");
        text.AppendLine();

        text.AppendLine("Faults");
        text.AppendLine("| fault | injected at | cleared at | failed attempts | connection losses | queries retried | queries failed | recovery | disruption | p95 latency | verdict |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var fault in result.Faults)
        {
            if (fault.Skipped)
            {
                text.AppendLine(invariant, $"| {fault.Name} | - | - | - | - | - | - | - | - | - | skipped: {UntrustedText.Markdown(fault.SkipReason)} |");
                continue;
            }
            var verdict = fault.RecoveredAt is null ? "NOT RECOVERED" : fault.Recovery > settings.MaxRecovery ? "TOO SLOW" : "recovered";
            text.AppendLine(invariant, $"| {fault.Name} | +{fault.StartedAt.TotalSeconds:0.000} s | +{fault.ClearedAt.TotalSeconds:0.000} s | {fault.FailedAttempts} | " +
                                       $"{fault.ConnectionLosses} | {fault.QueriesRetried} | {fault.QueriesFailed} | {Ms(fault.Recovery)} | {Ms(fault.Disruption)} | " +
                                       $"{Ms(fault.Latency?.P95)} | {verdict} |");
        }
        foreach (var fault in result.Faults) text.AppendLine(invariant, $"  {fault.Name}: {fault.Description}");
        text.AppendLine("  recovery = fault cleared -> first successful query; disruption = first failed attempt -> first success after the fault");
        text.AppendLine();

        var replayed = result.Queries.Count(q => q.AlreadyApplied);
        text.AppendLine("No query lost");
        text.AppendLine(invariant, $"  issued {result.Queries.Count}, succeeded {result.Succeeded}, failed with a reason {result.Failed}, vanished {result.Vanished.Count}");
        text.AppendLine(invariant, $"  rows on the server {result.RowsOnServer.Count}; every succeeded query found there: {(result.Queries.Where(q => q.Outcome == QueryOutcome.Succeeded).All(q => result.RowsOnServer.Contains(q.Number)) ? "yes" : "NO")}");
        text.AppendLine(invariant, $"  retried queries whose row was already written (answer lost after the server ran them; not run twice): {replayed}");
        foreach (var failed in result.Queries.Where(q => q.Outcome == QueryOutcome.Failed))
            text.AppendLine(invariant, $"  query #{failed.Number} FAILED: {UntrustedText.Markdown(failed.Error)}{(result.RowsOnServer.Contains(failed.Number) ? " (its row is on the server: it ran before the connection broke)" : "")}");
        text.AppendLine();

        text.AppendLine(result.Passed ? "Result: PASS" : "Result: FAIL");
        foreach (var problem in result.Problems) text.AppendLine(invariant, $"  - {UntrustedText.Markdown(problem)}");
        text.AppendLine();

        text.AppendLine("Timeline");
        foreach (var line in result.Timeline) text.AppendLine(UntrustedText.Printable(line)); // quotes server messages
        text.AppendLine();

        text.AppendLine("Query ledger (number worker issued completed attempts outcome)");
        foreach (var query in result.Queries)
            text.AppendLine(invariant, $"#{query.Number,-5} w{query.Worker} +{query.IssuedAt.TotalSeconds:0.000} " +
                                       $"{(query.CompletedAt is { } done ? "+" + done.TotalSeconds.ToString("0.000", invariant) : "-")} " +
                                       $"{query.Attempts} {query.Outcome.ToString().ToLowerInvariant()}{(query.AlreadyApplied ? " (already applied)" : "")}" +
                                       $"{(result.RowsOnServer.Contains(query.Number) ? "" : " (no row)")}");
        return text.ToString();
    }

    private static string Ms(TimeSpan? span) => span is { } s ? $"{s.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "-";
}
