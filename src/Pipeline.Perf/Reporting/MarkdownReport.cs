using System.Text;
using Pipeline.Core.Text;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;
using static Pipeline.Perf.Reporting.ReportFormat;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Writes <c>reports/metrics-p95-YYYYMMDD.md</c>: the report QA signs. Every value copied from an input (endpoint
/// names, file names, the target URL, server messages) goes through <see cref="UntrustedText.Markdown"/>.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(P95Report report)
    {
        var run = report.Run;
        var md = new StringBuilder();
        md.AppendLine($"# P95 latency report – {report.Generated:yyyy-MM-dd} (run {UntrustedText.Markdown(report.RunId)})").AppendLine();
        md.AppendLine($"**Verdict:** {Verdict(report)}").AppendLine();

        md.AppendLine("## Run").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine($"| Target URL | {UntrustedText.Markdown(report.ShownTargetUrl)} |");
        md.AppendLine($"| Engine | {(report.Engine is null ? "not recorded (pass --engine, or run through RunP95)" : UntrustedText.Markdown(report.Engine))} |");
        md.AppendLine($"| Summarized by | {report.Versions} |");
        md.AppendLine($"| Source | {(run.Source == ResultSource.Samples ? "k6 NDJSON points (every figure computed from the raw samples)" : "k6 summary export (aggregates only)")} |");
        md.AppendLine($"| Files | {string.Join("<br>", run.Files.Select(f => UntrustedText.Markdown(Path.GetFileName(f))))} |");
        if (run.FirstSample is { } first && run.LastSample is { } last)
            md.AppendLine($"| Window (UTC) | {first:yyyy-MM-dd HH:mm:ss.fff} → {last:HH:mm:ss.fff} ({run.DurationSeconds:F1} s) |");
        md.AppendLine($"| Request volume | {Count(run.Overall.Count)} requests{(run.Overall.Rate is { } r ? $", {Rate(r)}/s" : "")} |");
        if (run.Source == ResultSource.Samples)
            md.AppendLine($"| Lines read | {Count(run.Lines)}{(run.SkippedLines > 0 ? $" ({Count(run.SkippedLines)} skipped under --lenient)" : ", none skipped")} |");
        md.AppendLine();

        md.AppendLine("## Latency per endpoint (ms)").AppendLine();
        md.Append(EndpointTable(report));
        md.AppendLine();
        md.AppendLine("Percentiles use k6's formula (sorted values, linear interpolation between ranks), so they equal k6's own summary.");
        md.AppendLine();

        if (run.Endpoints.Any(e => e.Status is not null))
        {
            md.AppendLine("## Responses per endpoint").AppendLine();
            md.AppendLine("| Endpoint | Total | 2xx | 3xx | 429 | Other 4xx | 5xx | Network errors (status 0) | Failed |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|");
            foreach (var e in run.Endpoints.Where(e => e.Status is not null))
            {
                var s = e.Status!;
                var network = s.NetworkErrors == 0 ? "0" : $"{s.NetworkErrors} ({string.Join(", ", s.NetworkErrorCodes.Select(kv => $"code {UntrustedText.Markdown(kv.Key)}: {kv.Value}"))})";
                md.AppendLine($"| {UntrustedText.Markdown(e.Name)} | {Count(s.Total)} | {Count(s.Success2xx)} | {Count(s.Redirect3xx)} | {Count(s.TooManyRequests429)} | {Count(s.OtherClientErrors4xx)} | {Count(s.ServerErrors5xx)} | {network} | {Percent(e.FailedRate)} |");
            }
            md.AppendLine();
        }

        md.AppendLine("## Thresholds").AppendLine();
        if (report.Thresholds.Count == 0) md.AppendLine("_No thresholds were declared (scenario, k6 script or --thresholds)._");
        else
        {
            md.AppendLine("| Metric | Threshold | Observed | Result | Declared in |").AppendLine("|---|---|---:|---|---|");
            foreach (var t in report.Thresholds)
                md.AppendLine($"| {UntrustedText.Markdown(t.Rule.Key)} | {UntrustedText.Markdown(t.Rule.Expression)} | {Number(t.Observed)} | {(t.Passed switch { true => "✅ passed", false => "❌ crossed", null => "⚠️ not evaluable" })} | {UntrustedText.Markdown(t.Source)} |");
        }
        md.AppendLine();

        md.AppendLine("## Script P95 vs dashboard P95 (AC3.2)").AppendLine();
        md.Append(DeltaSection(report, report.ReportPath));
        md.AppendLine();

        md.AppendLine("## Anomalies").AppendLine();
        if (report.Anomalies.Count == 0) md.AppendLine("None found.");
        foreach (var anomaly in report.Anomalies) md.AppendLine($"- {UntrustedText.Markdown(anomaly)}");
        md.AppendLine();

        if (report.ChartPath is not null)
        {
            md.AppendLine("## Chart").AppendLine();
            md.AppendLine($"![Latency distribution and status counts per endpoint]({Link(report.ReportPath, report.ChartPath)})").AppendLine();
        }
        md.AppendLine($"Machine-readable figures: [{UntrustedText.Markdown(Path.GetFileName(report.JsonPath))}]({Link(report.ReportPath, report.JsonPath)}).");
        return md.ToString();
    }

    /// <summary>The per-endpoint table alone (also what goes to GITHUB_STEP_SUMMARY).</summary>
    public static string EndpointTable(P95Report report)
    {
        var md = new StringBuilder();
        md.AppendLine("| Endpoint | Requests | Rate/s | Avg | Min | Med | P90 | P95 | P99 | Max |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in report.Run.Endpoints)
            md.AppendLine(Row(UntrustedText.Markdown(e.Name), e.Latency));
        md.AppendLine(Row("**all**", report.Run.Overall));
        return md.ToString();

        static string Row(string name, TrendStatistics t) =>
            $"| {name} | {Count(t.Count)} | {Rate(t.Rate)} | {Ms(t.Avg)} | {Ms(t.Min)} | {Ms(t.Med)} | {Ms(t.P90)} | {Ms(t.P95)} | {Ms(t.P99)} | {Ms(t.Max)} |";
    }

    public static string DeltaSection(P95Report report, string fromFile)
    {
        var md = new StringBuilder();
        if (report.Dashboard is null)
        {
            md.AppendLine("_No dashboard figure: pass `--dashboard-p95 chat=1070,sync-jobs=820` (read off the Supabase dashboard), " +
                          "`--prometheus-url`, or run RunP95 first so its /metrics snapshots are found._");
            return md.ToString();
        }
        md.AppendLine($"Dashboard source: {UntrustedText.Markdown(report.Dashboard.Description)}. Delta = |script − dashboard| / dashboard; limit {Percent(report.MaxDelta)}.").AppendLine();
        md.AppendLine("| Endpoint | Script P95 (ms) | Dashboard P95 (ms) | Delta | Result |").AppendLine("|---|---:|---:|---:|---|");
        foreach (var d in report.Deltas)
            md.AppendLine($"| {UntrustedText.Markdown(d.Endpoint)} | {Ms(d.ClientP95Ms)} | {Ms(d.DashboardP95Ms)} | {Percent(d.Delta)} | {(d.Delta is null ? "⚠️ one side only" : d.OverLimit ? "❌ over limit" : "✅ within limit")} |");
        if (report.ActionPath is not null)
            md.AppendLine().AppendLine($"Over the limit: corrective action drafted in [{UntrustedText.Markdown(Path.GetFileName(report.ActionPath))}]({Link(fromFile, report.ActionPath)}).");
        return md.ToString();
    }

    private static string Verdict(P95Report report)
    {
        var passed = report.Thresholds.Count(t => t.Passed == true);
        var failed = report.Thresholds.Count(t => t.Passed == false);
        var notEvaluated = report.Thresholds.Count(t => t.Passed is null);
        var parts = new List<string>
        {
            failed == 0 ? $"{passed} threshold(s) passed" : $"{failed} of {report.Thresholds.Count} threshold(s) crossed",
            report.Dashboard is null ? "dashboard delta not checked"
                : !report.Deltas.Any(d => d.Delta is not null) ? "dashboard delta not evaluated (no endpoint has both a script and a dashboard P95)"
                : report.Deltas.Any(d => d.OverLimit) ? $"dashboard delta over {Percent(report.MaxDelta)} (corrective action required)"
                : $"dashboard delta within {Percent(report.MaxDelta)}",
        };
        if (notEvaluated > 0) parts.Insert(1, $"{notEvaluated} threshold(s) not evaluated");
        if (report.Run.SkippedLines > 0) parts.Add($"{report.Run.SkippedLines:N0} line(s) skipped");
        return string.Join("; ", parts) + ".";
    }
}
