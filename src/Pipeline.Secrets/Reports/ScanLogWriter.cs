using System.Globalization;
using System.Text;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Reports;

/// <summary>
/// The human-readable scan log (reports/ci-secrets-scan-YYYYMMDD.log): engines and versions, coverage,
/// findings by rule, new vs baselined, the AC1.3 sanitisation checklist and the skipped files. Masks only.
/// </summary>
internal static class ScanLogWriter
{
    public static string Write(SecretScanResult result, SecretScanSettings settings, DateTimeOffset startedAt, int baselineEntries, int rules)
    {
        var log = new StringBuilder();
        void Line(string text = "") => log.Append(text).Append('\n');
        var inv = CultureInfo.InvariantCulture;

        Line($"Secrets scan - {startedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", inv)}");
        Line($"Root:      {settings.Root}");
        Line($"Baseline:  {Path.GetRelativePath(settings.Root, settings.ResolvedBaselinePath)} ({baselineEntries} accepted entr{(baselineEntries == 1 ? "y" : "ies")})");
        Line($"Fail on:   {settings.FailOn.ToString().ToLowerInvariant()}");
        Line();
        Line("Engines");
        foreach (var engine in result.Engines)
            Line($"  - {engine.Describe()}{(engine.Engine == SecretScan.BuiltInEngine ? $" [{rules} rules]" : "")}");
        Line();
        Line("Coverage");
        Line($"  Listing:        {result.Listing}");
        Line($"  Files scanned:  {result.FilesScanned.ToString("N0", inv)}");
        Line($"  Bytes scanned:  {result.BytesScanned.ToString("N0", inv)} ({result.BytesScanned / 1048576.0:0.00} MiB)");
        Line($"  Duration:       {result.Duration.TotalSeconds:0.00} s");
        var unscanned = result.Skipped.Where(s => s.Kind == SkipKind.Unscanned).ToList();
        Line($"  Unscanned:      {result.UnscannedFiles.ToString("N0", inv)} file(s), {result.UnscannedBytes.ToString("N0", inv)} bytes unread" +
             (unscanned.Count == 0 ? "" : $" ({string.Join(", ", unscanned.GroupBy(s => s.Category).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"))})" +
              (result.UnacceptedUnscannedFiles == 0 ? "; all accepted with --allow-unscanned" :
               $"; {result.UnacceptedUnscannedFiles} not accepted: {(result.FailOn == FailOn.None ? "reported only (--fail-on none)" : "they fail the gate (accept with --allow-unscanned GLOB)")}")));
        Line($"  Skipped:        {result.Skipped.Count - unscanned.Count} on purpose ({result.Skipped.Count(s => s.Kind == SkipKind.KnownBinary)} known binary, {result.Skipped.Count(s => s.Kind == SkipKind.Excluded)} excluded; listed at the end)");
        Line();
        Line($"Findings: {result.Findings.Count} total, {result.NewFindings} new, {result.BaselinedFindings} accepted in the baseline");
        if (result.Findings.Count > 0)
        {
            Line("  By rule:");
            foreach (var group in result.Findings.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
                Line($"    {group.Key,-34} {group.Count(),5}   new {group.Count(f => !f.IsBaselined)}");
            foreach (var (title, baselined) in new[] { ("New findings (act on these):", false), ("Accepted in the baseline:", true) })
            {
                var list = result.Findings.Where(f => f.IsBaselined == baselined).ToList();
                if (list.Count == 0) continue;
                Line($"  {title}");
                foreach (var f in list)
                    Line($"    {f.File}:{f.Line}  {f.RuleId}  {f.Redacted}  sha1:{f.SecretHash[..Math.Min(12, f.SecretHash.Length)]}  ({string.Join(", ", f.Engines)}){(f.Verified ? "  VERIFIED LIVE" : "")}");
            }
        }
        Line();

        var s = result.Sanitisation;
        string Box(bool ok) => ok ? "[x]" : "[ ]";
        Line("Log sanitisation checklist (AC1.3)");
        var artifactGaps = unscanned.Count(u => s.ArtifactFolders.Any(folder => u.Path.StartsWith(folder + "/", StringComparison.Ordinal)));
        Line($"  {Box(s.SecretFindingsInArtifacts == 0 && artifactGaps == 0)} Pipeline logs and artifacts scanned ({string.Join(", ", s.ArtifactFolders.DefaultIfEmpty("none given"))}; {s.ArtifactFilesChecked} files): " +
             (s.SecretFindingsInArtifacts > 0 ? $"{s.SecretFindingsInArtifacts} secret(s) in clear - listed above; purge those files and rotate"
              : artifactGaps > 0 ? $"NOT EVALUATED for {artifactGaps} file(s) that could not be read - listed at the end" : "no secret in clear"));
        Line($"  {Box(s.EnvironmentValueLeaks.Count == 0)} Values of {s.EnvironmentVariablesChecked.Count} secret-named environment variable(s) searched in those files: " +
             (s.EnvironmentValueLeaks.Count == 0 ? "none found" : "FOUND in " + string.Join("; ", s.EnvironmentValueLeaks.Select(l => $"{l.Variable} in {l.File}"))));
        Line($"  [x] Secrets known to this run registered with the redactor before any output: {s.ValuesRegisteredWithRedactor} (console, log files and evidence are masked)");
        Line("  [x] trufflehog-format report: Raw and Redacted hold masks (prefix***[redacted:sha256-8]), never values");
        Line("  [x] detect-secrets-format report and baseline: SHA-1 hashes only");
        Line("  [x] SARIF: masks and SHA-1 fingerprints only");
        Line($"  {Box(result.Engines.All(e => e.Status != EngineStatus.Failed))} Every engine that was present finished (failures are listed under Engines)");
        Line();
        Line("Reports");
        foreach (var path in new[] { result.Reports.TrufflehogJsonLines, result.Reports.DetectSecretsBaseline, result.Reports.Sarif, result.Reports.Log })
            Line($"  {Path.GetRelativePath(settings.Root, path).Replace('\\', '/')}");
        if (result.Reports.UpdatedBaseline is { } updated) Line($"  baseline updated: {Path.GetRelativePath(settings.Root, updated).Replace('\\', '/')}");
        Line();
        if (unscanned.Count > 0)
        {
            Line("Unscanned (could not be read)");
            foreach (var skipped in unscanned)
                Line($"  {skipped.Path}: {skipped.Reason} [{skipped.Bytes.ToString("N0", inv)} bytes{(skipped.Accepted ? "; accepted with --allow-unscanned" : "")}]");
            Line();
        }
        if (result.Skipped.Count > unscanned.Count)
        {
            Line("Skipped on purpose (known binary formats, excluded paths)");
            foreach (var skipped in result.Skipped.Where(s => s.Kind != SkipKind.Unscanned)) Line($"  {skipped.Path}: {skipped.Reason}");
            Line();
        }
        Line($"Result: {(result.Outcome.IsFailed ? "FAILED" : "PASSED")} - {result.Headline}");
        return log.ToString();
    }
}
