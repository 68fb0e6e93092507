using Pipeline.Core.Redaction;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>A test gate that flags the exact values it was given, line by line, like a scanner would.</summary>
internal sealed class PlantedValueGate(params string[] values) : ISecretGate
{
    public string Name => "planted-value gate";

    public List<string> Scanned { get; } = [];

    public IReadOnlyList<GateFinding> Scan(string path)
    {
        Scanned.Add(path);
        var findings = new List<GateFinding>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            foreach (var value in values.Where(v => line.Contains(v, StringComparison.Ordinal)))
                findings.Add(new GateFinding(path, lineNumber, "planted", "planted test secret", SecretRedactor.Mask(value)));
        }
        return findings;
    }
}
