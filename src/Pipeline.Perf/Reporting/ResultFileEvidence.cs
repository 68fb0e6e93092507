using System.Text.Json.Serialization;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// A results file a summary read, as the report records it so that evidence can be linked to its run:
/// the path relative to the repository, the SHA-256 of its bytes and the <c>run_id</c> tag of its points.
/// </summary>
internal sealed record ResultFileEvidence(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("run_id")] string? RunId);
