namespace Pipeline.Secrets.Inventory;

public enum AuditSeverity { Warning, Error }

/// <summary>One problem the audit found: which check, about what, and what to do.</summary>
public sealed record AuditFinding(AuditSeverity Severity, string Check, string Subject, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToUpperInvariant()} [{Check}] {Subject}: {Message}";
}
