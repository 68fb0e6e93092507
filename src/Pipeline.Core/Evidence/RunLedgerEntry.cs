using System.Text.Json.Serialization;

namespace Pipeline.Core.Evidence;

/// <summary>
/// One line of a run ledger: a target started (with the parameters it ran with), a file it wrote (with its
/// SHA-256), or how the target ended. <see cref="Invocation"/> tells apart two build invocations that share a
/// run id (a release engineer running targets one by one).
/// </summary>
public sealed record RunLedgerEntry(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("invocation")] string Invocation,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    public const string TargetStarted = "target-started";
    public const string FileWritten = "file";
    public const string TargetFinished = "target-finished";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The file's path relative to the repository root, forward slashes (file lines).</summary>
    [JsonPropertyName("path")] public string? Path { get; init; }

    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }

    /// <summary>Non-secret parameters, URL credentials removed (target-started lines).</summary>
    [JsonPropertyName("parameters")] public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary><see cref="Succeeded"/> or <see cref="Failed"/> (target-finished lines).</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; init; }
}
