using Pipeline.Core.Evidence;
using System.IO.Enumeration;

namespace Pipeline.Core.Evidence;

/// <summary>
/// The one catalogue of evidence file names (story 2.8.1): the producers write with these templates, the
/// build's <c>Produces</c> globs and the archive's deliverable catalogue and naming check derive from them.
/// The story's deliverables come first, in the story's order, then what Pipeline adds, then the archive's own outputs.
/// </summary>
public static class EvidenceNames
{
    // The story's list, names kept exactly.
    public static EvidenceName SecretsScan { get; } = Story("secrets-scan", "reports/secrets-scan-{date}.txt", "ScanSecrets", ["AC1.2"], "Findings of every engine in trufflehog's JSON-lines format");
    public static EvidenceName DetectSecretsRaw { get; } = Story("detect-secrets-raw", "reports/detect-secrets-raw-{date}.json", "ScanSecrets", ["AC1.2"], "Findings in detect-secrets' baseline format");
    public static EvidenceName CiSecretsScan { get; } = Story("ci-secrets-scan", "reports/ci-secrets-scan-{date}.log", "ScanSecrets", ["AC1.2", "AC1.3"], "Redacted human-readable scan log with the sanitisation checklist");
    public static EvidenceName OpenAIResilience { get; } = Story("openai-resilience", "reports/openai-resilience-{date}.log", "DrillOpenAI", ["AC2.2"], "OpenAI quota/rate-limit/outage drill log");
    public static EvidenceName SupabaseDowntimeDrill { get; } = Story("supabase-downtime-drill", "reports/supabase-downtime-drill-{date}.log", "DrillSupabase", ["AC2.2", "AC2.3"], "PostgreSQL downtime drill log with recovery times");
    public static EvidenceName DbConnectivityTest { get; } = Story("db-connectivity-test", "reports/db_connectivity_test_{date}.log", "DrillSupabase", ["AC2.2", "AC2.3"], "PostgreSQL connectivity test log");
    public static EvidenceName P95K6 { get; } = Story("p95-k6", "reports/p95_k6_{date}.json", "RunP95", ["AC3.1"], "Raw load-test results (k6 --out json NDJSON)");
    public static EvidenceName MetricsP95Markdown { get; } = Story("metrics-p95-md", "reports/metrics-p95-{date}.md", "Summarize", ["AC3.1", "AC3.2", "AC3.3"], "P95 report per endpoint with thresholds and dashboard delta");
    public static EvidenceName P95DashboardChart { get; } = Story("p95-dashboard-png", "docs/screenshots/p95-dashboard-{date}.png", "Summarize", ["AC3.2"], "Latency chart with client and dashboard P95");
    public static EvidenceName SecretsRotation { get; } = Story("secrets-rotation", "docs/operations/secrets-rotation.md", "AuditSecrets", ["AC1.1", "AC4.2"], "Secrets governance and rotation checklist");
    public static EvidenceName FallbackRunbook { get; } = Story("fallback-runbook", "docs/operations/openai-supabase-fallback-runbook.md", "DrillOpenAI, DrillSupabase", ["AC2.1"], "Fallback runbook: retry/backoff, escalation, rollback");
    public static EvidenceName ExternalServicesDashboard { get; } = Story("external-services-dashboard", "docs/monitoring/external-services-dashboard.md", "Summarize", ["AC3.3"], "Monitoring dashboard views and their sources");

    // Pipeline's additions: optional, archived when present.
    public static EvidenceName SecretsScanSarif { get; } = Extra("secrets-scan-sarif", "reports/secrets-scan-{date}.sarif", "ScanSecrets", ["AC1.2"], "SARIF 2.1.0 for code scanning");
    public static EvidenceName SecretsInventory { get; } = Extra("secrets-inventory", "docs/operations/secrets-inventory.yaml", "AuditSecrets", ["AC1.1", "AC4.2"], "Secrets inventory: owners, storage, rotation");
    public static EvidenceName SecretsAuditTrail { get; } = Extra("secrets-audit-trail", "reports/audit/secrets-audit.jsonl", "AuditSecrets", ["AC1.1"], "Audit trail of secret names used per run");
    public static EvidenceName OpenAIResilienceJUnit { get; } = Extra("openai-resilience-junit", "reports/openai-resilience-{date}.junit.xml", "DrillOpenAI", ["AC2.2"], "One JUnit test case per OpenAI drill scenario");
    public static EvidenceName OpenAIResilienceMarkdown { get; } = Extra("openai-resilience-md", "reports/openai-resilience-{date}.md", "DrillOpenAI", ["AC2.2"], "OpenAI drill summary");
    public static EvidenceName HealthHistory { get; } = Extra("health-history", "reports/health/history.jsonl", "HealthCheck", ["AC2.3"], "Health check history (retention applied)");
    public static EvidenceName HealthDiff { get; } = Extra("health-diff", "reports/health/diff-{date}.md", "HealthCheck", ["AC2.3"], "Difference against the previous health check");
    public static EvidenceName P95K6Summary { get; } = Extra("p95-k6-summary", "reports/p95_k6_{date}.summary.json", "RunP95", ["AC3.1"], "k6 --summary-export aggregates");
    public static EvidenceName P95ServerMetricsBefore { get; } = Extra("p95-server-metrics-before", "reports/p95-server-metrics-{date}-before.prom", "RunP95", ["AC3.2"], "Server histogram snapshot before the run");
    public static EvidenceName P95ServerMetricsAfter { get; } = Extra("p95-server-metrics-after", "reports/p95-server-metrics-{date}-after.prom", "RunP95", ["AC3.2"], "Server histogram snapshot after the run");
    public static EvidenceName MetricsP95Json { get; } = Extra("metrics-p95-json", "reports/metrics-p95-{date}.json", "Summarize", ["AC3.1", "AC3.2"], "Every P95 figure, machine-readable");
    public static EvidenceName P95DeltaAction { get; } = Extra("p95-delta-action", "reports/p95-delta-action-{date}.md", "Summarize", ["AC3.2"], "Corrective action when the dashboard delta exceeds the limit");

    // The archive's own outputs: the package, not part of it.
    public static EvidenceName EvidenceArchive { get; } = Output("evidence-archive", "reports/evidence-{date}.zip", ["AC4.3"], "Evidence package of the run");
    public static EvidenceName EvidenceManifest { get; } = Output("evidence-manifest", "reports/evidence-{date}.manifest.json", ["AC4.3"], "Manifest of the package: every file with its hash, deliverable and criteria");
    public static EvidenceName EvidenceStatement { get; } = Output("evidence-statement", "reports/evidence-{date}.intoto.json", ["AC4.3"], "in-toto statement over the package");
    public static EvidenceName StoryEvidencePage { get; } = Output("story-evidence-page", "docs/evidence/story-2.8-evidence-{date}.md", ["AC4.1"], "Story 2.8 evidence page for the QA Results");

    /// <summary>Every evidence name, in the order above.</summary>
    public static IReadOnlyList<EvidenceName> All { get; } =
    [
        SecretsScan, DetectSecretsRaw, CiSecretsScan, OpenAIResilience, SupabaseDowntimeDrill, DbConnectivityTest, P95K6, MetricsP95Markdown,
        P95DashboardChart, SecretsRotation, FallbackRunbook, ExternalServicesDashboard,
        SecretsScanSarif, SecretsInventory, SecretsAuditTrail, OpenAIResilienceJUnit, OpenAIResilienceMarkdown, HealthHistory, HealthDiff,
        P95K6Summary, P95ServerMetricsBefore, P95ServerMetricsAfter, MetricsP95Json, P95DeltaAction,
        EvidenceArchive, EvidenceManifest, EvidenceStatement, StoryEvidencePage,
    ];

    /// <summary>
    /// The globs of these names, in order, without repeats and without a glob another one already covers
    /// (<c>p95_k6_*.summary.json</c> is a <c>p95_k6_*.json</c>): the upload list of a target that writes them.
    /// </summary>
    public static IReadOnlyList<string> GlobsOf(params EvidenceName[] names)
    {
        var globs = names.Select(n => n.Glob).Distinct(StringComparer.Ordinal).ToList();
        return [.. globs.Where(glob => !globs.Any(other => other != glob && FileSystemName.MatchesSimpleExpression(other, glob, ignoreCase: false)))];
    }

    private static EvidenceName Story(string id, string template, string producedBy, string[] criteria, string description) =>
        new(id, template, producedBy, criteria, description, EvidenceRole.StoryDeliverable);

    private static EvidenceName Extra(string id, string template, string producedBy, string[] criteria, string description) =>
        new(id, template, producedBy, criteria, description, EvidenceRole.Extra);

    private static EvidenceName Output(string id, string template, string[] criteria, string description) =>
        new(id, template, "ArchiveEvidence", criteria, description, EvidenceRole.ArchiveOutput);
}
