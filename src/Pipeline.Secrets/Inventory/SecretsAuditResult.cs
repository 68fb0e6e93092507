namespace Pipeline.Secrets.Inventory;

/// <summary>The audit's verdict: problems by severity, the regenerated table, the audit-trail line written.</summary>
public sealed record SecretsAuditResult(
    int SecretsInventoried,
    IReadOnlyList<AuditFinding> Findings,
    bool TableUpdated,
    string AuditTrailPath,
    string AuditTrailLine)
{
    public int Errors => Findings.Count(f => f.Severity == AuditSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == AuditSeverity.Warning);
    public bool Failed => Errors > 0;

    public string Headline => $"{SecretsInventoried} secrets inventoried, {Errors} error(s), {Warnings} warning(s)";
}
