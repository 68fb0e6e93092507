using Pipeline.Core.Redaction;

namespace Pipeline.Evidence.Gate;

/// <summary>
/// Runs the gate over every file to be archived. A scanner that crashes on a file counts as a blocking
/// problem too: an archive that was not fully scanned must not go out.
/// </summary>
internal static class SecretGateCheck
{
    /// <param name="files">Pairs of root-relative name (for messages) and full path.</param>
    public static IReadOnlyList<GateFinding> Run(ISecretGate gate, IEnumerable<(string Relative, string Full)> files, SecretRedactor redactor)
    {
        var findings = new List<GateFinding>();
        foreach (var (relative, full) in files)
        {
            IReadOnlyList<GateFinding> found;
            try
            {
                found = gate.Scan(full);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                findings.Add(new GateFinding(relative, 0, "scan-failed", $"{gate.Name} could not scan the file: {exception.Message}", ""));
                continue;
            }
            // Report with the archive-relative name; pass the masked form through the redactor once more in
            // case a scanner masks less than we do.
            findings.AddRange(found.Select(f => f with { File = relative, Redacted = redactor.Redact(f.Redacted), Description = redactor.Redact(f.Description) }));
        }
        return findings;
    }
}
