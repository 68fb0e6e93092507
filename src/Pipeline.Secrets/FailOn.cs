namespace Pipeline.Secrets;

/// <summary>Which findings fail the scan: those not in the baseline (default), any at all, or none (report only).</summary>
public enum FailOn { New, Any, None }
