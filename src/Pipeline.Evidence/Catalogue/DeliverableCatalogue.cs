using Pipeline.Core.Evidence;

namespace Pipeline.Evidence.Catalogue;

/// <summary>
/// What an evidence package holds: the acceptance criteria and, for each deliverable, its path pattern,
/// the target that produces it and the criteria it serves.
/// </summary>
internal sealed record DeliverableCatalogue(IReadOnlyList<AcceptanceCriterion> Criteria, IReadOnlyList<Deliverable> Deliverables)
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
    // The deliverables are the catalogue's evidence names that are not the archive's own outputs.
    [.. EvidenceNames.All.Where(n => n.Role != EvidenceRole.ArchiveOutput).Select(Deliverable.Of)]);

    public Deliverable? Find(string id) => Deliverables.FirstOrDefault(d => d.Id == id);

    public IEnumerable<Deliverable> ServingCriterion(string criterionId) =>
        Deliverables.Where(d => d.Criteria.Contains(criterionId, StringComparer.Ordinal));
}
