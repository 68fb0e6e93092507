using Pipeline.Core.Runs;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;

namespace Pipeline.Evidence.Archive;

/// <summary>What an archive run did. Paths are absolute; null when the run stopped before writing them.</summary>
public sealed record ArchiveResult : IRunResult
{
    internal ArchiveResult(ArchiveStatus status, NamingReport naming, IReadOnlyList<GateFinding> secretFindings, IReadOnlyList<CriterionAssessment> criteria)
    {
        Status = status;
        Naming = naming;
        SecretFindings = secretFindings;
        Criteria = criteria;
    }

    public ArchiveStatus Status { get; }

    /// <summary>What the secrets gate found (secrets and files it could not read) when it blocked the archive.</summary>
    public IReadOnlyList<GateFinding> SecretFindings { get; }

    internal NamingReport Naming { get; }

    internal IReadOnlyList<CriterionAssessment> Criteria { get; }

    public string? ArchivePath { get; internal init; }
    public string? ManifestPath { get; internal init; }
    public string? StatementPath { get; internal init; }
    public string? PagePath { get; internal init; }
    public int FileCount { get; internal init; }
    public string? ArchiveSha256 { get; internal init; }

    private IReadOnlyList<GateFinding> Secrets => SecretFindings.Where(f => !f.IsUnread).ToList();

    private IReadOnlyList<GateFinding> Unread => SecretFindings.Where(f => f.IsUnread).ToList();

    private int CriteriaMet => Criteria.Count(c => c.Status == CriterionStatus.Met);

    /// <summary>One line for the end-of-run summary.</summary>
    public string Headline => Status switch
    {
        ArchiveStatus.Archived => $"{Path.GetFileName(ArchivePath)}: {FileCount} files, {CriteriaMet}/{Criteria.Count} AC met, " +
                                  $"{Naming.MissingRequired.Count()} required missing, {Naming.Misnamed.Count} misnamed",
        ArchiveStatus.BlockedBySecrets => "blocked: " + string.Join(", ", new[]
        {
            Secrets.Count > 0 ? $"{Secrets.Count} secret finding(s)" : "",
            Unread.Count > 0 ? $"{Unread.Count} file(s) the secrets gate could not read" : "",
        }.Where(t => t.Length > 0)),
        _ => $"no evidence for {Naming.DateStamp}",
    };

    /// <summary>Passed when the archive was written; otherwise what went wrong and what to do.</summary>
    public RunOutcome Outcome => Status switch
    {
        ArchiveStatus.BlockedBySecrets when Secrets.Count == 0 => RunOutcome.Failed(
            $"The secrets gate could not read {Unread.Count} file(s) to be archived: " +
            string.Join("; ", Unread.Take(10).Select(f => $"{f.File} ({f.Description})")) +
            ". Nothing was archived: a file nobody could check must not go out. Make it readable (or re-run the target that wrote it), then run ArchiveEvidence again."),
        ArchiveStatus.BlockedBySecrets => RunOutcome.Failed(
            $"The secrets gate found {Secrets.Count} secret(s) in files to be archived: " +
            string.Join("; ", Secrets.Take(10).Select(f => $"{f.File}:{f.Line} {f.RuleId} {f.Redacted}")) +
            (Unread.Count > 0 ? $" and could not read {Unread.Count} file(s): " + string.Join("; ", Unread.Take(10).Select(f => f.File)) : "") +
            ". Nothing was archived. Remove the secret from the file (or re-run the target that wrote it), rotate it if it was real, then run ArchiveEvidence again."),
        ArchiveStatus.NothingToArchive => RunOutcome.Failed(
            $"No dated evidence for {Naming.DateStamp} under reports/ or docs/screenshots/. Run the evidence targets first " +
            "(ScanSecrets, DrillOpenAI, DrillSupabase, RunP95, Summarize) or pass --evidence-date YYYYMMDD for a day that has evidence."),
        ArchiveStatus.Archived => RunOutcome.Passed,
        _ => throw new System.Diagnostics.UnreachableException($"ArchiveStatus {Status} has no outcome."), // a new status must say whether it passes
    };

    /// <summary>The archive, its manifest and statement, and the story page; empty when nothing was archived.</summary>
    public IReadOnlyList<string> EvidenceFiles => new[] { ArchivePath, ManifestPath, StatementPath, PagePath }.OfType<string>().ToList();
}
