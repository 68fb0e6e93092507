using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Verification;

/// <summary>What <see cref="EvidenceCheck"/> checks: the archive, and what it must match and who must have signed it.</summary>
public sealed record EvidenceCheckSettings(string Archive)
{
    /// <summary>The statement to match; null: <c>evidence-*.intoto.json</c> beside the archive when it exists.</summary>
    public string? Statement { get; init; }

    /// <summary>The signature over the statement; null: <c>&lt;statement&gt;.sig</c> when allowed signers are given.</summary>
    public string? Signature { get; init; }

    public string? AllowedSigners { get; init; }

    public string? SignerIdentity { get; init; }

    /// <summary>Scans every entry of the archive; null: Pipeline's built-in scanner plus the run's registered secrets.</summary>
    public ISecretGate? SecretGate { get; init; }
}
