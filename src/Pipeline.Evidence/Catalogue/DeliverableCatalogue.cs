namespace Pipeline.Evidence.Catalogue;

/// <summary>
/// What an evidence package holds: the acceptance criteria and, for each deliverable, its path pattern,
/// the target that produces it and the criteria it serves.
/// </summary>
public sealed record DeliverableCatalogue(IReadOnlyList<AcceptanceCriterion> Criteria, IReadOnlyList<Deliverable> Deliverables)
{
    /// <summary>Story 2.8.1: the twelve deliverables the story lists, then what Pipeline adds.</summary>
    public static DeliverableCatalogue Story281 { get; } = new(
    [
        new("AC1.1", "Secrets manager with owners and audit trail; TEST_* secrets documented"),
        new("AC1.2", "CI runs secret scanners over repository and logs; report archived"),
        new("AC1.3", "Pipeline logs reviewed: no secret in clear, sanitisation documented"),
        new("AC2.1", "Fallback runbook with retry/backoff and escalation contacts"),
        new("AC2.2", "Simulated OpenAI quota exhaustion and Supabase downtime, no silent failure"),
        new("AC2.3", "Scheduled Supabase health check with log retention and run-to-run diff"),
        new("AC3.1", "P95 run with >= 300 requests and metrics-p95 report"),
        new("AC3.2", "Script P95 vs dashboard P95 delta <= 10 %, else corrective action attached"),
        new("AC3.3", "Monitoring dashboard with OpenAI quota, 429/5xx and P95 views"),
        new("AC4.1", "Story 2.8 QA Results reference the evidence"),
        new("AC4.2", "Key rotation checklist with owner, frequency and responsibilities"),
        new("AC4.3", "Every deliverable archived where expected with YYYYMMDD naming"),
    ],
    [
        // The story's list, names kept exactly.
        Story("secrets-scan", "reports/secrets-scan-{date}.txt", "ScanSecrets", ["AC1.2"], "Findings of every engine in trufflehog's JSON-lines format"),
        Story("detect-secrets-raw", "reports/detect-secrets-raw-{date}.json", "ScanSecrets", ["AC1.2"], "Findings in detect-secrets' baseline format"),
        Story("ci-secrets-scan", "reports/ci-secrets-scan-{date}.log", "ScanSecrets", ["AC1.2", "AC1.3"], "Redacted human-readable scan log with the sanitisation checklist"),
        Story("openai-resilience", "reports/openai-resilience-{date}.log", "DrillOpenAI", ["AC2.2"], "OpenAI quota/rate-limit/outage drill log"),
        Story("supabase-downtime-drill", "reports/supabase-downtime-drill-{date}.log", "DrillSupabase", ["AC2.2", "AC2.3"], "PostgreSQL downtime drill log with recovery times"),
        Story("db-connectivity-test", "reports/db_connectivity_test_{date}.log", "DrillSupabase", ["AC2.2", "AC2.3"], "PostgreSQL connectivity test log"),
        Story("p95-k6", "reports/p95_k6_{date}.json", "RunP95", ["AC3.1"], "Raw load-test results (k6 --out json NDJSON)"),
        Story("metrics-p95-md", "reports/metrics-p95-{date}.md", "Summarize", ["AC3.1", "AC3.2", "AC3.3"], "P95 report per endpoint with thresholds and dashboard delta"),
        Story("p95-dashboard-png", "docs/screenshots/p95-dashboard-{date}.png", "Summarize", ["AC3.2"], "Latency chart with client and dashboard P95"),
        Story("secrets-rotation", "docs/operations/secrets-rotation.md", "AuditSecrets", ["AC1.1", "AC4.2"], "Secrets governance and rotation checklist"),
        Story("fallback-runbook", "docs/operations/openai-supabase-fallback-runbook.md", "DrillOpenAI, DrillSupabase", ["AC2.1"], "Fallback runbook: retry/backoff, escalation, rollback"),
        Story("external-services-dashboard", "docs/monitoring/external-services-dashboard.md", "Summarize", ["AC3.3"], "Monitoring dashboard views and their sources"),

        // Pipeline's additions: optional, archived when present.
        Extra("secrets-scan-sarif", "reports/secrets-scan-{date}.sarif", "ScanSecrets", ["AC1.2"], "SARIF 2.1.0 for code scanning"),
        Extra("secrets-inventory", "docs/operations/secrets-inventory.yaml", "AuditSecrets", ["AC1.1", "AC4.2"], "Secrets inventory: owners, storage, rotation"),
        Extra("secrets-audit-trail", "reports/audit/secrets-audit.jsonl", "AuditSecrets", ["AC1.1"], "Audit trail of secret names used per run"),
        Extra("openai-resilience-junit", "reports/openai-resilience-{date}.junit.xml", "DrillOpenAI", ["AC2.2"], "One JUnit test case per OpenAI drill scenario"),
        Extra("openai-resilience-md", "reports/openai-resilience-{date}.md", "DrillOpenAI", ["AC2.2"], "OpenAI drill summary"),
        Extra("health-history", "reports/health/history.jsonl", "HealthCheck", ["AC2.3"], "Health check history (retention applied)"),
        Extra("health-diff", "reports/health/diff-{date}.md", "HealthCheck", ["AC2.3"], "Difference against the previous health check"),
        Extra("p95-k6-summary", "reports/p95_k6_{date}.summary.json", "RunP95", ["AC3.1"], "k6 --summary-export aggregates"),
        Extra("p95-server-metrics-before", "reports/p95-server-metrics-{date}-before.prom", "RunP95", ["AC3.2"], "Server histogram snapshot before the run"),
        Extra("p95-server-metrics-after", "reports/p95-server-metrics-{date}-after.prom", "RunP95", ["AC3.2"], "Server histogram snapshot after the run"),
        Extra("metrics-p95-json", "reports/metrics-p95-{date}.json", "Summarize", ["AC3.1", "AC3.2"], "Every P95 figure, machine-readable"),
        Extra("p95-delta-action", "reports/p95-delta-action-{date}.md", "Summarize", ["AC3.2"], "Corrective action when the dashboard delta exceeds the limit"),
    ]);

    public Deliverable? Find(string id) => Deliverables.FirstOrDefault(d => d.Id == id);

    public IEnumerable<Deliverable> ServingCriterion(string criterionId) =>
        Deliverables.Where(d => d.Criteria.Contains(criterionId, StringComparer.Ordinal));

    private static Deliverable Story(string id, string template, string target, string[] criteria, string description) =>
        new(id, template, target, criteria, Required: true, description) { FromStory = true };

    private static Deliverable Extra(string id, string template, string target, string[] criteria, string description) =>
        new(id, template, target, criteria, Required: false, description);
}
