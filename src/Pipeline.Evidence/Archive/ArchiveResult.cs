using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;

namespace Pipeline.Evidence.Archive;

/// <summary>What an archive run did. Paths are absolute; null when the run stopped before writing them.</summary>
public sealed record ArchiveResult(
    ArchiveStatus Status,
    NamingReport Naming,
    IReadOnlyList<GateFinding> SecretFindings,
    IReadOnlyList<CriterionAssessment> Criteria)
{
    public string? ArchivePath { get; init; }
    public string? ManifestPath { get; init; }
    public string? StatementPath { get; init; }
    public string? PagePath { get; init; }
    public int FileCount { get; init; }
    public string? ArchiveSha256 { get; init; }

    public int CriteriaMet => Criteria.Count(c => c.Status == CriterionStatus.Met);
}
