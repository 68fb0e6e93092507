using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Evidence.Gate;

/// <summary>
/// Pipeline.Secrets' built-in scanner as the archive's secrets gate (the archiver itself knows only
/// <see cref="ISecretGate"/>, so tests can plant their own). Evidence files can be large (k6 NDJSON), so
/// the size limit is raised; a text file above even that is reported, never passed unscanned.
/// </summary>
public sealed class BuiltInScannerGate(SecretRedactor redactor) : ISecretGate
{
    const long MaxEvidenceFileBytes = 1L << 30;

    readonly SecretScanner _scanner = SecretScanner.CreateDefault(
        new SecretScannerOptions { MaxFileBytes = MaxEvidenceFileBytes }, redactor);

    public string Name => $"pipeline-secrets built-in scanner ({_scanner.Rules.Count} rules)";

    public IReadOnlyList<GateFinding> Scan(string path)
    {
        if (new FileInfo(path).Length > MaxEvidenceFileBytes && !_scanner.Options.BinaryExtensions.Contains(Path.GetExtension(path)))
            return [new GateFinding(path, 0, "not-scanned", $"larger than {MaxEvidenceFileBytes >> 20} MiB: too large for the secrets gate, split or compress it", "")];
        return _scanner.ScanFile(path).Select(f => new GateFinding(f.File, f.Line, f.RuleId, f.Description, f.Redacted)).ToList();
    }
}

