using Pipeline.Core.Evidence;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads the headline figures from the selected evidence files. Readers are small and forgiving; every
/// figure found is recorded in <see cref="EvidenceFigures.Sources"/> with the file and field it came from.
/// </summary>
internal static class EvidenceFigureCollector
{
    public static EvidenceFigures Collect(NamingReport naming)
    {
        var sources = new List<string>();
        var figures = new EvidenceFigures();

        if (naming.For(EvidenceNames.SecretsScan.Id) is { } scan && SecretsReportReader.CountJsonLines(scan.FullPath) is { } lines)
        {
            figures = figures with { SecretFindings = lines };
            sources.Add($"{scan.RelativePath}: JSON lines counted (one finding each)");
        }
        if (naming.For(EvidenceNames.DetectSecretsRaw.Id) is { } raw && SecretsReportReader.CountDetectSecretsResults(raw.FullPath) is { } results)
        {
            figures = figures with { DetectSecretsResults = results };
            sources.Add($"{raw.RelativePath}: results.*[] counted");
        }
        if (naming.For(EvidenceNames.SecretsScanSarif.Id) is { } sarif && SecretsReportReader.CountSarifResults(sarif.FullPath) is { } sarifResults)
        {
            figures = figures with { SarifResults = sarifResults };
            sources.Add($"{sarif.RelativePath}: runs[].results[] counted");
        }
        if (naming.For(EvidenceNames.CiSecretsScan.Id) is { } ciLog && SecretsScanLogReader.Read(ciLog.FullPath) is var secretsLog && secretsLog != SecretsScanLog.Empty)
        {
            figures = figures with { SecretsLog = secretsLog };
            sources.Add($"{ciLog.RelativePath}: the 'Findings: N total, M new, K accepted' line, the Coverage 'Unscanned: N file(s), B bytes unread' line and the sanitisation checklist ([x]/[ ])");
        }
        if (naming.For(EvidenceNames.OpenAIResilienceJUnit.Id) is { } junit && JUnitReader.Read(junit.FullPath) is { } counts)
        {
            figures = figures with { OpenAIScenarios = counts };
            sources.Add($"{junit.RelativePath}: testcase elements and their failure/error children");
        }
        if (naming.For(EvidenceNames.OpenAIResilience.Id) is { } openAI && DrillLogReader.Read(openAI.FullPath) is { Verdict: not null } openAIDrill)
        {
            figures = figures with { OpenAIDrill = openAIDrill };
            sources.Add($"{openAI.RelativePath}: the 'Result:' line");
        }
        if (naming.For(EvidenceNames.SupabaseDowntimeDrill.Id) is { } drill && DrillLogReader.Read(drill.FullPath) is var downtime && (downtime.Verdict is not null || downtime.RecoveryTimes.Count > 0))
        {
            figures = figures with { DowntimeDrill = downtime };
            sources.Add($"{drill.RelativePath}: the 'Result:' line and the 'recovery' column of the faults table");
        }
        if (naming.For(EvidenceNames.DbConnectivityTest.Id) is { } connectivity && DrillLogReader.Read(connectivity.FullPath) is { Verdict: not null } connectivityLog)
        {
            figures = figures with { Connectivity = connectivityLog };
            sources.Add($"{connectivity.RelativePath}: the 'Result:' line");
        }

        if (naming.For(EvidenceNames.MetricsP95Json.Id) is { } metrics && P95MetricsReader.Read(metrics.FullPath) is { } p95)
        {
            if (p95.Endpoints.Count > 0) figures = figures with { P95 = p95.Endpoints };
            if (p95.MaxDeltaPercent is { } limit) figures = figures with { MaxDeltaPercent = limit };
            if (p95.Requests is { } requests) figures = figures with { Requests = requests };
            sources.Add($"{metrics.RelativePath}: endpoints[].name + latency.p95, delta.endpoints[] (clientP95Ms, dashboardP95Ms), delta.maxDelta, overallStatus.total (other layouts: any endpoint object with p95/dashboard P95/delta)");
        }
        if (naming.For(EvidenceNames.P95K6Summary.Id) is { } summary && K6SummaryReader.ReadSummary(summary.FullPath) is { } k6)
        {
            if (figures.Requests is null && k6.Requests is { } requests) figures = figures with { Requests = requests };
            if (figures.P95.Count == 0 && k6.Endpoints.Count > 0) figures = figures with { P95 = k6.Endpoints };
            sources.Add($"{summary.RelativePath}: metrics.http_reqs.count, metrics[\"http_req_duration{{name:*}}\"][\"p(95)\"]");
        }
        if (figures.Requests is null && naming.For(EvidenceNames.P95K6.Id) is { } ndjson && K6SummaryReader.CountRequests(ndjson.FullPath) is { } counted)
        {
            figures = figures with { Requests = counted };
            sources.Add($"{ndjson.RelativePath}: http_reqs Point lines counted");
        }
        return figures with { Sources = sources };
    }
}
