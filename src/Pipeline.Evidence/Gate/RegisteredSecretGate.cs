using Pipeline.Core.Redaction;

namespace Pipeline.Evidence.Gate;

/// <summary>
/// Flags any value the run knows to be secret (registered with the redactor: <c>[Secret]</c> parameters,
/// keys found at run time). It catches a leak of this run's own secrets whatever their shape, which
/// pattern scanners cannot promise.
/// </summary>
internal sealed class RegisteredSecretGate(SecretRedactor redactor) : ISecretGate
{
    public string Name => "registered-secrets";

    public IReadOnlyList<GateFinding> Scan(string path)
    {
        if (redactor.Count == 0) return [];
        var findings = new List<GateFinding>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var redacted = redactor.Redact(line);
            if (ReferenceEquals(redacted, line) || redacted == line) continue;
            findings.Add(new GateFinding(path, number, "registered-secret", "a secret value known to this run", Excerpt(redacted)));
        }
        return findings;
    }

    // The masked line, shortened around the mask so the message stays readable.
    private static string Excerpt(string redactedLine)
    {
        var at = redactedLine.IndexOf("***[redacted:", StringComparison.Ordinal);
        var start = Math.Max(0, at - 30);
        var length = Math.Min(redactedLine.Length - start, 90);
        return redactedLine.Substring(start, length).Trim();
    }
}
