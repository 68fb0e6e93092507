using Pipeline.Core.Evidence;
using System.Globalization;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Decides each criterion's status from what the archive holds: a required deliverable missing makes it
/// "not met"; a figure that contradicts it (failed drill scenario, fewer than 300 requests, a delta over the
/// limit with no corrective action) too; what files cannot prove on their own is "partial" with the reason.
/// </summary>
internal static class CriterionAssessor
{
    public const int MinimumRequests = 300;

    /// <param name="scannedFiles">How many files the secrets gate scanned with no finding.</param>
    /// <param name="pagePath">The evidence page's own root-relative path (AC4.1's evidence).</param>
    /// <param name="archivePath">The archive's root-relative path (AC4.3's evidence), when known.</param>
    /// <param name="disqualified">Files that cannot count as met and why (a failed target, a scan of another folder).</param>
    public static IReadOnlyList<CriterionAssessment> Assess(DeliverableCatalogue catalogue, NamingReport naming, EvidenceFigures figures, int scannedFiles,
        string pagePath, string? archivePath = null, IReadOnlyDictionary<string, string>? disqualified = null)
    {
        var rows = new List<CriterionAssessment>();
        foreach (var criterion in catalogue.Criteria)
        {
            var deliverables = catalogue.ServingCriterion(criterion.Id).ToList();
            var files = deliverables.Select(d => naming.For(d.Id)).OfType<SelectedFile>().Select(s => s.RelativePath).ToList();
            var missing = naming.Missing.Where(m => m.Deliverable.Required && m.Deliverable.Criteria.Contains(criterion.Id)).Select(m => m.ExpectedPath).ToList();
            var (status, reason, figureLines) = Judge(criterion.Id, naming, figures, scannedFiles);
            if (criterion.Id == "AC4.1") files.Add(pagePath);
            if (criterion.Id == "AC4.3" && archivePath is not null) files.Add(archivePath);
            var unusable = files.Select(f => disqualified?.GetValueOrDefault(f)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (unusable.Count > 0)
            {
                status = CriterionStatus.NotMet;
                reason = string.Join("; ", unusable) + (reason.Length > 0 ? "; " + reason : "");
            }
            if (missing.Count > 0)
            {
                status = CriterionStatus.NotMet;
                reason = "missing: " + string.Join(", ", missing) + (reason.Length > 0 ? "; " + reason : "");
            }
            rows.Add(new CriterionAssessment(criterion.Id, criterion.Summary, status, reason, files, figureLines));
        }
        return rows;
    }

    private static (CriterionStatus, string, List<string>) Judge(string id, NamingReport naming, EvidenceFigures figures, int scannedFiles)
    {
        var lines = new List<string>();
        switch (id)
        {
            case "AC1.1":
            case "AC4.2":
                return naming.For(EvidenceNames.SecretsInventory.Id) is null
                    ? (CriterionStatus.Partial, "no secrets inventory (docs/operations/secrets-inventory.yaml): owners are documented only in prose", lines)
                    : (CriterionStatus.Met, "rotation checklist and inventory present (vault access itself is checked by AuditSecrets)", lines);
            case "AC1.2":
                lines.Add($"findings (trufflehog format): {Show(figures.SecretFindings)}");
                lines.Add($"detect-secrets results: {Show(figures.DetectSecretsResults)}");
                if (figures.SarifResults is not null) lines.Add($"SARIF results: {figures.SarifResults}");
                if (figures.SecretsLog.New is { } fresh) lines.Add($"new: {fresh}, accepted in the baseline: {Show(figures.SecretsLog.Baselined)}");
                lines.Add($"unscanned: {Gap(figures.SecretsLog)}");
                // An unreadable log, or one with neither a Findings nor an Unscanned line, proves nothing: not met.
                if (figures.SecretsLog.Total is null && figures.SecretsLog.Unscanned is null)
                    return (CriterionStatus.NotMet, "the scan log could not be read (no 'Findings:' or 'Unscanned:' line): run ScanSecrets again", lines);
                if (Unread(figures.SecretsLog) is { } unread) return (CriterionStatus.NotMet, unread, lines);
                if (figures.SecretsLog.New is > 0)
                    return (CriterionStatus.Partial, $"{figures.SecretsLog.New} new finding(s) to remove or accept in the baseline", lines);
                return figures.SecretsLog.Unscanned is null
                    ? (CriterionStatus.Partial, UnreadNotRecorded, lines)
                    : (CriterionStatus.Met, AcceptedUnscanned(figures.SecretsLog), lines);
            case "AC1.3":
                lines.Add($"archive secrets gate: 0 findings in {scannedFiles} files");
                lines.Add($"scan unscanned: {Gap(figures.SecretsLog)}");
                if (Unread(figures.SecretsLog) is { } notRead) return (CriterionStatus.NotMet, "no secret in clear is not proven: " + notRead, lines);
                if (figures.SecretsLog.UncheckedItems is { Count: > 0 } open)
                    return (CriterionStatus.NotMet, "sanitisation checklist open: " + string.Join("; ", open.Select(Short)), lines);
                if (figures.SecretsLog.UncheckedItems is null)
                    return (CriterionStatus.Partial, "every archived file passed the secrets gate, but the scan log has no sanitisation checklist", lines);
                return figures.SecretsLog.Unscanned is null
                    ? (CriterionStatus.Partial, UnreadNotRecorded, lines)
                    : (CriterionStatus.Met, string.Join("; ", new[] { "sanitisation checklist complete; every archived file passed the secrets gate", AcceptedUnscanned(figures.SecretsLog) }.Where(t => t.Length > 0)), lines);
            case "AC2.1":
                return (CriterionStatus.Met, "", lines);
            case "AC2.2":
            {
                lines.Add($"OpenAI drill: {Verdict(figures.OpenAIDrill)}");
                lines.Add($"OpenAI drill scenarios: {(figures.OpenAIScenarios?.ToString() ?? "not available")}");
                lines.Add($"PostgreSQL downtime drill: {Verdict(figures.DowntimeDrill)}");
                lines.Add($"PostgreSQL recovery: {Recoveries(figures.DowntimeDrill)}");
                var failures = new List<string>();
                if (figures.OpenAIScenarios is { Failed: > 0 } failed) failures.Add($"{failed.Failed} of {failed.Total} OpenAI drill scenarios failed");
                else if (figures.OpenAIDrill.Passed == false) failures.Add("the OpenAI drill failed");
                if (figures.DowntimeDrill.Passed == false) failures.Add("the PostgreSQL downtime drill failed");
                if (failures.Count > 0) return (CriterionStatus.NotMet, string.Join("; ", failures), lines);
                if (figures.OpenAIScenarios is null && figures.OpenAIDrill.Passed is null)
                    return (CriterionStatus.Partial, "OpenAI drill verdict not available; read the drill log", lines);
                return figures.DowntimeDrill.Passed is null
                    ? (CriterionStatus.Partial, "PostgreSQL downtime drill verdict not available (run DrillSupabase --simulate-downtime)", lines)
                    : (CriterionStatus.Met, "", lines);
            }
            case "AC2.3":
                lines.Add($"connectivity: {Verdict(figures.Connectivity)}");
                lines.Add($"PostgreSQL recovery: {Recoveries(figures.DowntimeDrill)}");
                if (figures.Connectivity.Passed == false) return (CriterionStatus.NotMet, "the connectivity test reports the database unhealthy", lines);
                return naming.For(EvidenceNames.HealthDiff.Id) is null
                    ? (CriterionStatus.Partial, "no HealthCheck diff for this date (run HealthCheck, nightly in CI)", lines)
                    : (CriterionStatus.Met, "", lines);
            case "AC3.1":
            {
                lines.Add($"requests: {Show(figures.Requests)}");
                lines.AddRange(figures.P95.Where(e => e.ClientP95Ms is not null).Select(e => $"P95 {e.Name} {Number(e.ClientP95Ms!.Value)} ms"));
                if (figures.P95.Count == 0) lines.Add("P95 per endpoint: not available");
                if (figures.Requests is { } requests && requests < MinimumRequests)
                    return (CriterionStatus.NotMet, $"only {requests} requests (AC3.1 needs >= {MinimumRequests})", lines);
                return figures.Requests is null
                    ? (CriterionStatus.Partial, "request count not available", lines)
                    : (CriterionStatus.Met, "", lines);
            }
            case "AC3.2":
            {
                var withDelta = figures.P95.Where(e => e.DeltaPercent is not null).ToList();
                lines.AddRange(withDelta.Select(e => $"delta {e.Name} {Number(e.DeltaPercent!.Value)} % (script {Show(e.ClientP95Ms)} ms, dashboard {Show(e.DashboardP95Ms)} ms)"));
                if (withDelta.Count == 0) lines.Add("dashboard delta: not available");
                var worst = figures.WorstDeltaPercent;
                if (worst is null) return (CriterionStatus.Partial, "no dashboard P95 to compare with", lines);
                if (worst <= figures.MaxDeltaPercent) return (CriterionStatus.Met, $"every delta within {Number(figures.MaxDeltaPercent)} %", lines);
                return naming.For(EvidenceNames.P95DeltaAction.Id) is { } action
                    ? (CriterionStatus.Met, $"delta {Number(worst.Value)} % over {Number(figures.MaxDeltaPercent)} %, corrective action attached ({action.RelativePath})", lines)
                    : (CriterionStatus.NotMet, $"delta {Number(worst.Value)} % over {Number(figures.MaxDeltaPercent)} % and no corrective action file", lines);
            }
            case "AC3.3":
                return (CriterionStatus.Met, "", lines);
            case "AC4.1":
                return (CriterionStatus.Partial, "this page is ready; paste it into Story 2.8's QA Results and lift the blockers there", lines);
            case "AC4.3":
            {
                var required = naming.MissingRequired.Count();
                lines.Add($"{naming.Selected.Count} files archived, {required} required missing, {naming.Misnamed.Count} misnamed");
                if (required > 0)
                    return (CriterionStatus.NotMet, "required deliverables missing: " + string.Join(", ", naming.MissingRequired.Select(m => m.ExpectedPath)), lines);
                return naming.Misnamed.Count > 0
                    ? (CriterionStatus.Partial, "misnamed: " + string.Join(", ", naming.Misnamed.Select(m => $"{m.RelativePath} -> {m.ExpectedPath}")), lines)
                    : (CriterionStatus.Met, "", lines);
            }
            default:
                return (CriterionStatus.Partial, "no rule for this criterion", lines);
        }
    }

    private const string UnreadNotRecorded = "the scan log does not say how many files went unread (written before coverage was recorded): run ScanSecrets again";

    private static string Gap(SecretsScanLog log) => log.Unscanned?.ToString() ?? "not recorded in the scan log";

    /// <summary>Why the scan proves nothing about files it could not read and nobody accepted; null when there are none.</summary>
    private static string? Unread(SecretsScanLog log) =>
        log.Unscanned is { Unaccepted: > 0 } gap
            ? $"{gap.Unaccepted.ToString("N0", CultureInfo.InvariantCulture)} file(s) the scan could not read ({gap.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes unread in all) " +
              "and not accepted with --allow-unscanned (see the scan log's 'Unscanned' list)"
            : null;

    private static string AcceptedUnscanned(SecretsScanLog log) =>
        log.Unscanned is { Accepted: > 0 } gap ? $"{gap.Accepted.ToString("N0", CultureInfo.InvariantCulture)} file(s) accepted unscanned (--allow-unscanned)" : "";

    private static string Verdict(DrillLogSummary log) =>
        log.Verdict is null ? "not available" : log.Verdict.Length <= 100 ? log.Verdict : log.Verdict[..100] + "...";

    private static string Recoveries(DrillLogSummary log) =>
        log.RecoveryTimes.Count > 0 ? string.Join(", ", log.RecoveryTimes) : "not available";

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "...";

    private static string Show(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not available";

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not available";

    private static string Show(double? value) => value is { } v ? Number(v) : "n/a";

    internal static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
