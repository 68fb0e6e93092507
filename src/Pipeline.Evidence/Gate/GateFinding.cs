namespace Pipeline.Evidence.Gate;

/// <summary>One secret found in a file about to be archived (or a file the gate could not read, <see cref="IsUnread"/>); <see cref="Redacted"/> is a masked form, never the value.</summary>
public sealed record GateFinding(string File, int Line, string RuleId, string Description, string Redacted)
{
    /// <summary>Not a secret but a file the gate could not read: it blocks the archive just the same (nobody checked it).</summary>
    public bool IsUnread => RuleId is "not-scanned" or "scan-failed";

    public override string ToString() => $"{File}:{Line} {RuleId} ({Description}): {Redacted}";
}
