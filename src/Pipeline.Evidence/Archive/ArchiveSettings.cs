using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Archive;

/// <summary>
/// What <see cref="EvidenceArchiver"/> archives and how; immutable, vary it with <c>with</c>. The evidence root,
/// clock, tools and redactor come from the run's context.
/// </summary>
public sealed record ArchiveSettings
{
    /// <summary>Only runs with evidence of this day are considered; null: any day (the archive is named after the run's).</summary>
    public DateOnly? EvidenceDate { get; init; }

    /// <summary>
    /// The run to archive (its ledger <c>reports/runs/&lt;id&gt;.jsonl</c>), as the user named it. Null: the run of the
    /// context's evidence store when this invocation recorded files in it (the chain ran before), else the newest complete run.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>Scans every file before it is archived; null: Pipeline's built-in scanner plus the run's registered secrets.</summary>
    public ISecretGate? SecretGate { get; init; }

    /// <summary>Non-secret parameters of the run, recorded in the manifest as given (values masked by the run's redactor).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public string Host { get; init; } = Environment.MachineName;

    internal DeliverableCatalogue Catalogue { get; init; } = DeliverableCatalogue.Story281;
}
