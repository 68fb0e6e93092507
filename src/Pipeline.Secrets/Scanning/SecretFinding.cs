namespace Pipeline.Secrets.Scanning;

/// <summary>
/// One secret found in one place. It never carries the raw value: <see cref="Redacted"/> is the mask and
/// <see cref="SecretHash"/> the SHA-1 hex of the value, as detect-secrets stores it (so baselines match).
/// </summary>
public sealed record SecretFinding
{
    /// <summary>Path relative to the scan's reference folder, with forward slashes.</summary>
    public required string File { get; init; }
    public required int Line { get; init; }
    public int Column { get; init; }
    public required string RuleId { get; init; }
    public required string Description { get; init; }

    /// <summary>The kind of credential (aws, openai, private-key...); findings of different engines merge by family.</summary>
    public required string Family { get; init; }
    public required string Redacted { get; init; }
    public required string SecretHash { get; init; }
    /// <summary>SHA-1 of what detect-secrets itself would hash here (differs for JWTs and PEM blocks).</summary>
    public string? DetectSecretsHash { get; init; }
    public string DetectSecretsHashOrSecretHash => DetectSecretsHash ?? SecretHash;
    public required string DetectSecretsType { get; init; }
    public required string TrufflehogDetector { get; init; }
    public int TrufflehogDetectorType { get; init; }

    /// <summary>Which engines reported it ("built-in", "trufflehog", "detect-secrets").</summary>
    public IReadOnlyList<string> Engines { get; init; } = [SecretFinding.BuiltInEngine];

    /// <summary>An engine verified the credential against its service (only trufflehog with verification on).</summary>
    public bool Verified { get; init; }

    /// <summary>Set when the finding is accepted in the baseline file.</summary>
    public bool IsBaselined { get; init; }

    public const string BuiltInEngine = "built-in";
}
