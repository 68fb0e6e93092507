using System.Text.Json.Serialization;
using Pipeline.Evidence.Manifest;

namespace Pipeline.Evidence.Attestation;

/// <summary>
/// An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md): the
/// archived files as subjects with their SHA-256, and the manifest as predicate. Unsigned; the copy beside
/// the zip is signed with <c>ssh-keygen -Y sign</c> and checked by VerifyEvidence.
/// </summary>
internal sealed record InTotoStatement(
    [property: JsonPropertyName("_type")] string Type,
    [property: JsonPropertyName("subject")] IReadOnlyList<InTotoSubject> Subject,
    [property: JsonPropertyName("predicateType")] string PredicateType,
    [property: JsonPropertyName("predicate")] EvidenceManifest Predicate)
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string EvidencePredicateType = "https://pipeline.dev/evidence/v1";
    public const string EntryName = "evidence.intoto.json";

    public static InTotoStatement For(EvidenceManifest manifest) => new(
        StatementType,
        manifest.Files
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => new InTotoSubject(f.Path, new Dictionary<string, string> { ["sha256"] = f.Sha256 }))
            .ToList(),
        EvidencePredicateType,
        manifest);
}
