using System.Text;
using Pipeline.Core.Text;
using Pipeline.Perf.Dashboard;
using static Pipeline.Perf.Reporting.ReportFormat;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Writes <c>reports/p95-delta-action-YYYYMMDD.md</c> when the script and the dashboard disagree by more than
/// the limit: the figures, the causes that fit them, and the next steps, as a draft for the owner to complete.
/// </summary>
internal static class CorrectiveActionReport
{
    /// <summary>Below this absolute gap a relative delta mostly measures fixed per-request overhead.</summary>
    public const double SmallGapMs = 25;

    public static string Render(P95Report report)
    {
        var over = report.Deltas.Where(d => d.OverLimit).ToArray();
        var md = new StringBuilder();
        md.AppendLine($"# Corrective action: P95 delta over {Percent(report.MaxDelta)} – {report.Generated:yyyy-MM-dd}").AppendLine();
        md.AppendLine($"Status: **draft** – owner: _to assign_ – due: _to set_. Report: [{UntrustedText.Markdown(Path.GetFileName(report.ReportPath))}]({Link(report.ActionPath!, report.ReportPath)}).").AppendLine();
        md.AppendLine("## Figures").AppendLine();
        md.AppendLine($"Dashboard source: {UntrustedText.Markdown(report.Dashboard!.Description)}.").AppendLine();
        md.AppendLine("| Endpoint | Script P95 (ms) | Dashboard P95 (ms) | Gap (ms) | Delta | Script requests | Server observations | P95 bucket (ms) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var d in over)
        {
            var count = report.Run.Endpoints.FirstOrDefault(e => e.Name == d.Endpoint)?.Latency.Count;
            var observed = report.Dashboard.Observations.TryGetValue(d.Endpoint, out var o) ? Count(o) : "–";
            var bucket = report.Dashboard.Buckets.TryGetValue(d.Endpoint, out var b) ? $"{Ms(b.Lower)} – {(double.IsInfinity(b.Upper) ? "+Inf" : Ms(b.Upper))}" : "–";
            md.AppendLine($"| {UntrustedText.Markdown(d.Endpoint)} | {Ms(d.ClientP95Ms)} | {Ms(d.DashboardP95Ms)} | {Ms(d.ClientP95Ms - d.DashboardP95Ms)} | {Percent(d.Delta)} | {Count(count)} | {observed} | {bucket} |");
        }
        md.AppendLine();

        md.AppendLine("## Likely causes").AppendLine();
        foreach (var d in over)
        {
            md.AppendLine($"### {UntrustedText.Markdown(d.Endpoint)}").AppendLine();
            foreach (var cause in Causes(d, report)) md.AppendLine($"- {cause}");
            md.AppendLine();
        }

        md.AppendLine("## Next steps").AppendLine();
        md.AppendLine("1. Re-run `./build.sh RunP95 Summarize` once to rule out a one-off (note both deltas here).");
        md.AppendLine("2. Align the windows: read the dashboard P95 for exactly the run's window shown in the report (UTC).");
        md.AppendLine("3. If the script is slower: check the load generator's CPU and connection pool (client queueing), and run it closer to the API.");
        md.AppendLine("4. If the dashboard is coarse: add histogram buckets around the threshold (e.g. 0.5, 0.75, 1, 1.5 s) so interpolation error stays under 10 %.");
        md.AppendLine("5. Record the outcome and the new delta in this file; QA signs the P95 report only when the delta is within the limit or explained.");
        return md.ToString();
    }

    private static IEnumerable<string> Causes(P95Delta d, P95Report report)
    {
        var gap = Math.Abs(d.ClientP95Ms!.Value - d.DashboardP95Ms!.Value);
        if (gap < SmallGapMs)
            yield return $"**Fixed per-request overhead on a fast endpoint**: the gap is only {Ms(gap)} ms; on an endpoint answering in tens of milliseconds, connection handling and serialisation outside the server's timer are a large share. Consider judging fast endpoints on an absolute margin as well.";
        if (d.ClientP95Ms > d.DashboardP95Ms)
        {
            yield return "**Client-side queueing**: the script measured more than the server did. Time spent waiting for a connection or a free VU on the load generator counts for the script only (k6's http_req_duration starts when the request is sent; the built-in engine likewise).";
            yield return "**Network**: round trips, TLS and proxies between the load generator and the API are seen by the script, not by a server-side histogram.";
        }
        else
        {
            yield return "**Server sees more than the script**: the dashboard includes traffic other than this run (other clients, health checks) or a longer window with slower periods.";
        }
        if (report.Dashboard!.Buckets.TryGetValue(d.Endpoint, out var bucket))
        {
            var width = double.IsInfinity(bucket.Upper) ? double.PositiveInfinity : bucket.Upper - bucket.Lower;
            yield return double.IsInfinity(width)
                ? "**Bucket resolution**: the server-side P95 fell in the +Inf bucket, so the dashboard can only say \"above the largest bucket\"; add larger buckets."
                : $"**Bucket resolution**: the server-side P95 is interpolated inside the {Ms(bucket.Lower)}–{Ms(bucket.Upper)} ms bucket, so it can be off by up to {Ms(width)} ms ({Percent(width / d.DashboardP95Ms)} of the dashboard figure).";
        }
        else if (report.Dashboard.Source == DashboardSource.Manual)
            yield return "**Bucket resolution / rounding**: a P95 read off a dashboard is itself interpolated from histogram buckets and rounded on screen.";
        yield return "**Clock and window**: the dashboard's time range or refresh interval may not match the run's window (clock skew between the load generator and the server shifts it further).";
    }
}
