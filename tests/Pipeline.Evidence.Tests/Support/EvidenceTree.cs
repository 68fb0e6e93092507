using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Evidence;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>
/// A throwaway repository root holding one day's evidence, written the way the other targets write it
/// (real k6 and detect-secrets fixture files where the format is a tool's own).
/// </summary>
internal sealed class EvidenceTree : IDisposable
{
    public const string Day = "20251014";
    public const string RunId = "20251014-100000-abc123";

    public EvidenceTree()
    {
        Root = Directory.CreateTempSubdirectory("pipeline-evidence-").FullName;
    }

    public string Root { get; }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public EvidenceTree Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return this;
    }

    public EvidenceTree Copy(string relative, string fixture)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(fixture, path);
        return this;
    }

    /// <summary>Every deliverable of the catalogue for <paramref name="day"/>, with plausible content.</summary>
    public EvidenceTree WithCompleteEvidence(string day = Day, double chatDashboardP95 = 155)
    {
        Write($"reports/secrets-scan-{day}.txt",
            "{\"SourceMetadata\":{\"Data\":{\"Filesystem\":{\"file\":\"config/.env.example\",\"line\":3}}},\"DetectorName\":\"OpenAI\",\"Verified\":false,\"Raw\":\"sk-p***[redacted:1a2b3c4d]\"}\n" +
            "{\"SourceMetadata\":{\"Data\":{\"Filesystem\":{\"file\":\"src/app.py\",\"line\":9}}},\"DetectorName\":\"Postgres\",\"Verified\":false,\"Raw\":\"post***[redacted:5e6f7a8b]\"}\n");
        Copy($"reports/detect-secrets-raw-{day}.json", Fixture("detect-secrets", "baseline-v1.5.0-real.json"));
        Write($"reports/ci-secrets-scan-{day}.log", SecretsScanLog(newFindings: 0, checklistDone: true));
        Write($"reports/secrets-scan-{day}.sarif", "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"pipeline\"}},\"results\":[{\"ruleId\":\"openai\"},{\"ruleId\":\"postgres-uri\"}]}]}");
        Write($"reports/openai-resilience-{day}.log", OpenAIDrillLog("PASSED: 3/3 scenarios met their expectations"));
        Write($"reports/openai-resilience-{day}.junit.xml",
            "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"DrillOpenAI\" tests=\"3\"><testcase name=\"rate-limit\"/><testcase name=\"quota\"/><testcase name=\"revoked-key\"/></testsuite></testsuites>\n");
        Write($"reports/openai-resilience-{day}.md", "# OpenAI drill\n3/3 scenarios passed\n");
        Write($"reports/supabase-downtime-drill-{day}.log", DowntimeDrillLog("PASS"));
        Write($"reports/db_connectivity_test_{day}.log", "PostgreSQL connectivity test\n| step | outcome | time |\n|---|---|---|\n| tcp | PASS | 0.4 ms |\nResult: HEALTHY\n");
        Write($"reports/health/diff-{day}.md", "# Health diff\nstatus unchanged (healthy)\n");
        Write("reports/health/history.jsonl", "{\"at\":\"2025-10-13T02:00:00Z\",\"healthy\":true}\n{\"at\":\"2025-10-14T02:00:00Z\",\"healthy\":true}\n");
        Copy($"reports/p95_k6_{day}.json", Fixture("k6", "k6-run-B.ndjson"));
        Copy($"reports/p95_k6_{day}.summary.json", Fixture("k6", "k6-run-B.summary.json"));
        Write($"reports/p95-server-metrics-{day}-before.prom", "# TYPE http_server_duration_seconds histogram\nhttp_server_duration_seconds_count{endpoint=\"chat\"} 0\n");
        Write($"reports/p95-server-metrics-{day}-after.prom", "# TYPE http_server_duration_seconds histogram\nhttp_server_duration_seconds_count{endpoint=\"chat\"} 200\n");
        var ndjsonSha = Sha256Of($"reports/p95_k6_{day}.json");
        Write($"reports/metrics-p95-{day}.json",
            $"{{\"run_id\":\"{RunId}\",\"results\":[{{\"path\":\"reports/p95_k6_{day}.json\",\"sha256\":\"{ndjsonSha}\",\"run_id\":\"{RunId}\"}}]," +
            $"\"engine\":\"built-in\",\"versions\":\"Pipeline 1.0, .NET 10\",\"requests\":313,\"maxDeltaPercent\":10,\"endpoints\":[{{\"name\":\"chat\",\"p95Ms\":160.25,\"dashboardP95Ms\":{chatDashboardP95.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}]}}");
        Write($"reports/metrics-p95-{day}.md", "# P95\n| endpoint | p95 |\n|---|---|\n| chat | 160.3 ms |\n");
        File.WriteAllBytes(PathOf($"docs/screenshots/p95-dashboard-{day}.png").EnsureFolder(), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        Write("docs/operations/secrets-rotation.md", "# Secrets rotation\n| secret | owner | every |\n|---|---|---|\n| OPENAI_API_KEY | platform | 90 d |\n");
        Write("docs/operations/secrets-inventory.yaml", "secrets:\n  - name: OPENAI_API_KEY\n    owner: platform\n");
        Write("docs/operations/openai-supabase-fallback-runbook.md", "# Runbook\nRetry 3 times, backoff 0.5 s to 8 s.\n");
        Write("docs/monitoring/external-services-dashboard.md", "# Dashboard\nOpenAI quota, 429, 5xx, P95.\n");
        Write("reports/audit/secrets-audit.jsonl", "{\"who\":\"ci\",\"secrets\":[\"OPENAI_API_KEY\"]}\n");
        return this;
    }

    /// <summary>
    /// Writes the run ledger the build would have written for the dated deliverables now on disk: one
    /// execution per producing target, files in write order, each target ending with <paramref name="outcomes"/>'s
    /// word for it (default succeeded) and started with <paramref name="parameters"/>'s.
    /// </summary>
    public EvidenceTree RecordRun(string runId = RunId, IReadOnlyDictionary<string, string>? outcomes = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? parameters = null)
    {
        var patterns = DeliverableCatalogue.Story281.Deliverables.Where(d => d.IsDated).Select(d => new DeliverablePattern(d)).ToList();
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Select(f => (Path: f, Match: patterns.Select(p => (Pattern: p, Ok: p.TryMatch(f, out var stamp), Stamp: stamp)).FirstOrDefault(m => m.Ok)))
            .Where(f => f.Match.Ok)
            .OrderBy(f => f.Match.Stamp)
            .ToList();
        var at = new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero).AddHours(Directory.Exists(PathOf(RunLedger.Folder)) ? Directory.GetFiles(PathOf(RunLedger.Folder)).Length : 0);
        foreach (var target in files.GroupBy(f => f.Match.Pattern.Deliverable.ProducedBy))
        {
            RunLedger.Append(Root, new RunLedgerEntry(runId, RunLedgerEntry.TargetStarted, target.Key, "test", at = at.AddSeconds(1))
            {
                Parameters = parameters?.GetValueOrDefault(target.Key) ?? new Dictionary<string, string>(),
            });
            foreach (var file in target)
                RunLedger.Append(Root, new RunLedgerEntry(runId, RunLedgerEntry.FileWritten, target.Key, "test", at = at.AddSeconds(1)) { Path = file.Path, Sha256 = Sha256Of(file.Path) });
            RunLedger.Append(Root, new RunLedgerEntry(runId, RunLedgerEntry.TargetFinished, target.Key, "test", at = at.AddSeconds(1))
            {
                Outcome = outcomes?.GetValueOrDefault(target.Key) ?? RunLedgerEntry.Succeeded,
            });
        }
        return this;
    }

    public string Sha256Of(string relative) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf(relative))));

    /// <summary>The shape ScanSecrets' human log uses: engines, coverage, the findings line, the AC1.3 checklist, a Result line.</summary>
    /// <param name="unscanned">The Coverage section's 'Unscanned:' line (null: a log written before it existed).</param>
    public static string SecretsScanLog(int newFindings, bool checklistDone, string? unscanned = "  Unscanned:      0 file(s), 0 bytes unread") =>
        "Secrets scan - 2025-10-14 10:00:00 +00:00\nEngines\n  - built-in 1.0 [31 rules]\n\nCoverage\n  Files scanned:  1,204\n" +
        (unscanned is null ? "" : unscanned + "\n") + "\n" +
        $"Findings: 2 total, {newFindings} new, {2 - newFindings} accepted in the baseline\n  By rule:\n    openai-project-key   1   new 0\n\n" +
        "Log sanitisation checklist (AC1.3)\n" +
        $"  {(checklistDone ? "[x]" : "[ ]")} Pipeline logs and artifacts scanned (reports; 12 files): no secret in clear\n" +
        "  [x] detect-secrets-format report and baseline: SHA-1 hashes only\n\n" +
        $"Result: {(newFindings == 0 ? "PASSED" : "FAILED")} - {newFindings} new secret(s)\n";

    /// <summary>The shape DrillOpenAI's log writer uses: a Result line, then one block per scenario.</summary>
    public static string OpenAIDrillLog(string result) =>
        $"OpenAI resilience drill - 2025-10-14T10:00:00Z\nResult: {result}\n== rate-limit: PASSED in 1200 ms ==\n  [pass] retried twice (observed: 3 attempts)\n";

    /// <summary>The shape DrillSupabase's downtime report uses: a policy header, the faults table, the verdict, a ledger.</summary>
    public static string DowntimeDrillLog(string result) =>
        "Supabase / PostgreSQL downtime drill - 2025-10-14T10:00:00Z\n" +
        "Workload: 4 workers, one numbered idempotent insert every 50 ms each; max recovery 30 s\n\n" +
        "Faults\n" +
        "| fault | injected at | cleared at | failed attempts | connection losses | queries retried | queries failed | recovery | disruption | p95 latency | verdict |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|\n" +
        "| down | +2.000 s | +12.000 s | 14 | 4 | 9 | 0 | 412 ms | 10390 ms | 3.1 ms | recovered |\n" +
        "| reset_peer | +14.000 s | +14.500 s | 2 | 2 | 2 | 0 | 95 ms | 600 ms | 2.9 ms | recovered |\n" +
        "| restart | - | - | - | - | - | - | - | - | - | skipped: external database |\n" +
        "  recovery = fault cleared -> first successful query\n\n" +
        $"Result: {result}\n\nQuery ledger (number worker issued completed attempts outcome)\n#1     w0 +0.050 +0.052 1 succeeded\n";

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

internal static class PathExtensions
{
    public static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
