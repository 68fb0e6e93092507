using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Adapters;

/// <summary>What one external engine did (<see cref="Run"/>) and found (empty unless it ran).</summary>
internal sealed record ExternalScanResult(EngineRun Run, IReadOnlyList<SecretFinding> Findings);
