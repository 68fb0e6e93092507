using Pipeline.Core.Runs;

namespace Pipeline.Secrets.Inventory;

/// <summary>The audit's verdict: problems by severity, the regenerated table, the audit-trail line written.</summary>
public sealed record SecretsAuditResult(
    int SecretsInventoried,
    IReadOnlyList<AuditFinding> Findings,
    string InventoryPath,
    string RotationDocumentPath,
    bool TableUpdated,
    string AuditTrailPath,
    string AuditTrailLine) : IRunResult
{
    public int Errors => Findings.Count(f => f.Severity == AuditSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == AuditSeverity.Warning);

    /// <summary>Failed on any error (warnings do not fail); the reason names the checks that failed and where to fix them.</summary>
    public RunOutcome Outcome => RunOutcome.FailedIf(Errors == 0 ? null :
        $"{Errors} secrets audit error(s) ({string.Join(", ", Findings.Where(f => f.Severity == AuditSeverity.Error).Select(f => f.Check).Distinct())}), " +
        $"each logged above with what to do (the inventory: {Path.GetFileName(InventoryPath)}; the rotation checklist: {Path.GetFileName(RotationDocumentPath)}).");

    public string Headline => $"{SecretsInventoried} secrets inventoried, {Errors} error(s), {Warnings} warning(s)";

    /// <summary>The audit trail, and the rotation document when its table changed.</summary>
    public IReadOnlyList<string> EvidenceFiles => TableUpdated ? [RotationDocumentPath, AuditTrailPath] : [AuditTrailPath];
}
