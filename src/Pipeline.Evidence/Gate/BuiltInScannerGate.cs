using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Evidence.Gate;

/// <summary>
/// Pipeline.Secrets' built-in scanner as the archive's secrets gate (the archiver itself knows only
/// <see cref="ISecretGate"/>, so tests can plant their own). Evidence files of any size are read (large ones
/// streamed), archives entry by entry; whatever the scanner could not read is a "not-scanned" finding, so the
/// gate never passes a file it did not see.
/// </summary>
internal sealed class BuiltInScannerGate(SecretRedactor redactor) : ISecretGate
{
    readonly SecretScanner _scanner = SecretScanner.CreateDefault(redactor: redactor);

    public string Name => $"pipeline-secrets built-in scanner ({_scanner.Rules.Count} rules)";

    public IReadOnlyList<GateFinding> Scan(string path)
    {
        var result = _scanner.ScanFileWithCoverage(path);
        return result.Findings.Select(f => new GateFinding(f.File, f.Line, f.RuleId, f.Description, f.Redacted))
            .Concat(result.Unscanned.Select(s => new GateFinding(s.Path, 0, "not-scanned", $"could not be read by the secrets gate: {s.Reason}", "")))
            .ToList();
    }
}
