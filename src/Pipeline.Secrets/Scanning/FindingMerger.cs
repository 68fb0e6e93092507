namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Merges the findings of several engines: a finding of another engine joins one already listed for the same
/// file and line when it has the same secret hash, the same credential family, or is only a generic
/// (entropy/keyword) hit on a line that is already reported. Otherwise it is listed on its own.
/// </summary>
internal static class FindingMerger
{
    public static IReadOnlyList<SecretFinding> Merge(IReadOnlyList<SecretFinding> primary, params IReadOnlyList<SecretFinding>[] others)
    {
        var merged = primary.ToList();
        foreach (var list in others)
        foreach (var finding in list)
        {
            var index = merged.FindIndex(m => m.File == finding.File && m.Line == finding.Line &&
                (m.SecretHash == finding.SecretHash || m.DetectSecretsHash == finding.SecretHash ||
                 m.Family == finding.Family || finding.Family == Adapters.ExternalFindingMapping.GenericFamily));
            if (index < 0) { merged.Add(finding); continue; }
            var existing = merged[index];
            merged[index] = existing with
            {
                Engines = existing.Engines.Union(finding.Engines).ToList(),
                Verified = existing.Verified || finding.Verified,
            };
        }
        return merged.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
    }
}
