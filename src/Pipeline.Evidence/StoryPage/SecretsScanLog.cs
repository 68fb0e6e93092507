namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// What ScanSecrets' human log says: its findings line (total, new, accepted in the baseline) and the AC1.3
/// sanitisation checklist (null when the log has none; otherwise the items left unchecked).
/// </summary>
internal sealed record SecretsScanLog(int? Total, int? New, int? Baselined, IReadOnlyList<string>? UncheckedItems)
{
    public static SecretsScanLog Empty { get; } = new(null, null, null, null);

    /// <summary>What the scan could not read (its Coverage section's <c>Unscanned:</c> line); null when the log does not say.</summary>
    public ScanGap? Unscanned { get; init; }
}
