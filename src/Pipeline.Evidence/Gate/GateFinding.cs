namespace Pipeline.Evidence.Gate;

/// <summary>One secret found in a file about to be archived; <see cref="Redacted"/> is a masked form, never the value.</summary>
public sealed record GateFinding(string File, int Line, string RuleId, string Description, string Redacted)
{
    public override string ToString() => $"{File}:{Line} {RuleId} ({Description}): {Redacted}";
}
