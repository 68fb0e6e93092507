using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Archive;

/// <summary>What <see cref="EvidenceArchiver"/> archives and how; immutable, vary it with <c>with</c>.</summary>
public sealed record ArchiveSettings(string Root, ISecretGate SecretGate)
{
    /// <summary>Only runs with evidence of this day are considered; null: any day (the archive is named after the run's).</summary>
    public DateOnly? EvidenceDate { get; init; }

    /// <summary>The run to archive (its ledger <c>reports/runs/&lt;id&gt;.jsonl</c>); null: the newest complete run.</summary>
    public string? RunId { get; init; }

    public DeliverableCatalogue Catalogue { get; init; } = DeliverableCatalogue.Story281;

    /// <summary>Non-secret parameters of the run, recorded in the manifest as given.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Engine and tool versions known to the caller (e.g. "git" → "git version 2.47.3").</summary>
    public IReadOnlyDictionary<string, string> ToolVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs git for commit and dirty flag; without it the commit is read from .git and the dirty flag is unknown.</summary>
    public ToolRunner? Tools { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public SecretRedactor Redactor { get; init; } = SecretRedactor.Global;

    public string Host { get; init; } = Environment.MachineName;
}
