namespace Pipeline.Evidence.Manifest;

/// <summary>
/// <c>manifest.json</c>: everything the archive holds and how it was made. It is also the predicate of the
/// in-toto statement, so a signature over the statement covers it.
/// </summary>
internal sealed record EvidenceManifest(
    string Schema,
    string Story,
    string EvidenceDate,
    ManifestRun Run,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Tools,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ManifestGap> Missing,
    IReadOnlyList<ManifestGap> Misnamed)
{
    /// <summary>The run whose evidence the archive holds (its ledger is <c>reports/runs/&lt;run-id&gt;.jsonl</c>).</summary>
    public string? RunId { get; init; }

    public const string SchemaUri = "https://pipeline.dev/evidence/manifest/v1";
    public const string EntryName = "manifest.json";
}
