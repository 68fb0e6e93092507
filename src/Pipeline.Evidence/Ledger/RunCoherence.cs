using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.Ledger;

/// <summary>
/// Checks that the files chosen for an archive are one run's evidence, as its ledger recorded them, and
/// says which of them cannot count as met: written by a failed (or unfinished) target, a secrets scan of
/// another folder than the repository, or a scan that could not fail (<c>--fail-on none</c>,
/// <c>--update-baseline</c>, or <c>--allow-unscanned</c> accepting every file).
/// </summary>
internal static class RunCoherence
{
    private static string P95ResultsDeliverable => EvidenceNames.P95K6.Id;
    private static string P95MetricsDeliverable => EvidenceNames.MetricsP95Json.Id;
    private const string Rerun = "Rerun the chain: ./build.sh ArchiveEvidence";

    /// <summary>Throws a one-line <see cref="UserInputException"/> naming the first mismatch.</summary>
    public static void Check(DeliverableCatalogue catalogue, RecordedRun run, NamingReport naming)
    {
        var recorded = run.Files.GroupBy(f => f.Path!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Sha256!, StringComparer.Ordinal);
        foreach (var file in naming.Selected.Where(s => s.Deliverable.IsDated))
        {
            if (!File.Exists(file.FullPath))
                throw new UserInputException($"{file.RelativePath} of run {run.RunId} was deleted after the run recorded it. {Rerun}");
            var now = Sha256Of(file.FullPath);
            if (!string.Equals(now, recorded[file.RelativePath], StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"{file.RelativePath} changed since run {run.RunId} recorded it (sha256 {recorded[file.RelativePath][..12]}..., now {now[..12]}...). {Rerun}");
        }

        if (naming.For(P95MetricsDeliverable) is not { } metrics) return;
        var ndjsonPattern = new DeliverablePattern(catalogue.Find(P95ResultsDeliverable)!);
        var ndjson = run.Files.Where(f => ndjsonPattern.TryMatch(f.Path!, out _)).Select(f => f.Sha256!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (ReadResults(metrics.RelativePath, metrics.FullPath, run.RunId) is not { } results) return;   // not met, see Disqualified
        foreach (var (path, sha) in results)
        {
            if (!ndjson.Contains(sha))
                throw new UserInputException($"{metrics.RelativePath} summarises {path} (sha256 {Short(sha)}), which is not a k6 NDJSON of run {run.RunId}: the report and the raw results disagree. {Rerun}");
        }
        if (naming.For(P95ResultsDeliverable) is { } archived && !results.Any(r => string.Equals(r.Sha256, recorded[archived.RelativePath], StringComparison.OrdinalIgnoreCase)))
            throw new UserInputException($"{metrics.RelativePath} does not summarise {archived.RelativePath}, the NDJSON of run {run.RunId} that would be archived beside it. {Rerun}");
    }

    /// <summary>Per archived file, why its criteria cannot be met; files with no problem are absent.</summary>
    public static IReadOnlyDictionary<string, string> Disqualified(string root, RecordedRun run, NamingReport naming)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        // A report that does not name its raw results cannot be linked to them: its criteria are not evaluated, so not met.
        var unlinked = naming.For(P95MetricsDeliverable) is { } metrics && ReadResults(metrics.RelativePath, metrics.FullPath, run.RunId) is null
            ? $"{metrics.RelativePath} does not list the k6 results it summarises (sha256), so it cannot be tied to run {run.RunId}"
            : null;
        foreach (var file in naming.Selected.Where(s => s.Deliverable.IsDated))
        {
            if (run.WriterOf(file.RelativePath) is not { } target) continue;
            var reasons = new List<string>();
            var outcome = run.OutcomeOf(target);
            if (outcome != RunLedgerEntry.Succeeded)
                reasons.Add(outcome == RunLedgerEntry.Failed ? $"{target} failed in run {run.RunId}" : $"{target} never finished in run {run.RunId}");
            if (unlinked is not null && target == naming.For(P95MetricsDeliverable)!.Deliverable.ProducedBy) reasons.Add(unlinked);
            var parameters = run.ParametersOf(target);
            if (target == "ScanSecrets")
            {
                if (Parameter(parameters, "ScanRoot") is { } scanRoot && !SamePath(scanRoot, root))
                    reasons.Add($"the secrets scan covered {scanRoot}, not the repository root");
                if (string.Equals(Parameter(parameters, "FailOn"), "none", StringComparison.OrdinalIgnoreCase))
                    reasons.Add("the secrets scan ran with --fail-on none (findings could not fail it)");
                if (bool.TryParse(Parameter(parameters, "UpdateBaseline"), out var updated) && updated)
                    reasons.Add("the secrets scan ran with --update-baseline (it accepted its own findings, so none could fail it)");
                if (Parameter(parameters, "AllowUnscanned") is { } allowed && allowed.Split(',').FirstOrDefault(AcceptsEverything) is { } everything)
                    reasons.Add($"the secrets scan ran with --allow-unscanned '{everything.Trim()}' (every unreadable file was accepted unscanned)");
            }
            if (reasons.Count > 0) problems[file.RelativePath] = string.Join("; ", reasons);
        }
        return problems;
    }

    private static List<(string Path, string Sha256)>? ReadResults(string relative, string fullPath, string runId)
    {
        JsonNode? json;
        try { json = JsonNode.Parse(File.ReadAllText(fullPath)); }
        catch (JsonException exception) { throw new UserInputException($"{relative} is not valid JSON ({exception.Message}). {Rerun}", exception); }
        if (json?["run_id"] is JsonValue id && id.TryGetValue<string>(out var jsonRun) && jsonRun != runId)
            throw new UserInputException($"{relative} says it belongs to run {jsonRun}, but run {runId} recorded it. {Rerun}");
        if (json?["results"] is not JsonArray array || array.Count == 0) return null;
        var results = new List<(string, string)>();
        foreach (var item in array)
        {
            var path = item?["path"]?.GetValueKind() == JsonValueKind.String ? (string)item["path"]! : "?";
            if (item?["sha256"]?.GetValueKind() != JsonValueKind.String)
                throw new UserInputException($"{relative}: the result {path} has no sha256, so it cannot be tied to run {runId}. {Rerun}");
            results.Add((path, (string)item["sha256"]!));
        }
        return results;
    }

    private static string? Parameter(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.FirstOrDefault(p => string.Equals(p.Key.Replace("-", "", StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;

    /// <summary>A gitignore-style glob that matches every file, so no unscanned file could fail the scan.</summary>
    private static bool AcceptsEverything(string glob) =>
        glob.Trim().TrimStart('/') is "*" or "**" or "**/*" or "**/**";

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "..." : sha;
}
