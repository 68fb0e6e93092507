namespace Pipeline.Evidence.Gate;

/// <summary>
/// A secrets scanner as the archive sees it: one file in, findings out. By default the archive and its check
/// run Pipeline's built-in scanner and the run's registered secrets through it; tests plant their own.
/// </summary>
public interface ISecretGate
{
    /// <summary>A short name for messages and the manifest (e.g. "pipeline-secrets 1.0").</summary>
    string Name { get; }

    /// <summary>Findings in one file; <see cref="GateFinding.Redacted"/> must never hold the secret itself.</summary>
    IReadOnlyList<GateFinding> Scan(string path);
}
