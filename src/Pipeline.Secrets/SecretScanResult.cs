using Pipeline.Core.Runs;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Sanitisation;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets;

/// <summary>What a scan found, which engines ran, the reports it wrote, and whether the gate fails (<see cref="Outcome"/>).</summary>
public sealed record SecretScanResult(
    IReadOnlyList<SecretFinding> Findings,
    IReadOnlyList<EngineRun> Engines,
    int FilesScanned,
    long BytesScanned,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Duration,
    SanitisationReport Sanitisation,
    SecretScanReports Reports,
    FailOn FailOn) : IRunResult
{
    public int NewFindings => Findings.Count(f => !f.IsBaselined);
    public int BaselinedFindings => Findings.Count(f => f.IsBaselined);

    /// <summary>How the repository's files were listed (git's tracked set, or a folder walk and why).</summary>
    public string Listing { get; init; } = "";

    /// <summary>Files and archive entries that could not be read (accepted ones included), and their bytes.</summary>
    public int UnscannedFiles => Skipped.Count(s => s.Kind == SkipKind.Unscanned);
    public long UnscannedBytes => Skipped.Where(s => s.Kind == SkipKind.Unscanned).Sum(s => s.Bytes);

    /// <summary>Unscanned paths not accepted with --allow-unscanned: they fail the gate like a new finding.</summary>
    public int UnacceptedUnscannedFiles => Skipped.Count(s => s.Kind == SkipKind.Unscanned && !s.Accepted);

    /// <summary>
    /// Failed when <see cref="FailOn"/> counts a finding, or a file could not be read and was not accepted (a file the
    /// scan did not see is not proven clean); the reason says how many, where they are listed and what to do.
    /// </summary>
    public RunOutcome Outcome => RunOutcome.FailedIf(FailsGate ? FailureReason : null);

    /// <summary>The four reports (trufflehog JSON lines, detect-secrets, SARIF, scan log); the updated baseline is an input, not evidence.</summary>
    public IReadOnlyList<string> EvidenceFiles => [Reports.TrufflehogJsonLines, Reports.DetectSecretsBaseline, Reports.Sarif, Reports.Log];

    private bool FailsGate => FailOn switch
    {
        FailOn.New => NewFindings > 0 || UnacceptedUnscannedFiles > 0,
        FailOn.Any => Findings.Count > 0 || UnacceptedUnscannedFiles > 0,
        _ => false,
    };

    public string Headline =>
        $"{NewFindings} new secret(s), {BaselinedFindings} baselined" +
        (UnscannedFiles > 0 ? $", {UnscannedFiles} file(s) unscanned ({UnscannedBytes:N0} bytes unread{(UnacceptedUnscannedFiles < UnscannedFiles ? $", {UnscannedFiles - UnacceptedUnscannedFiles} accepted" : "")})" : "") +
        "; engines: " +
        string.Join(", ", Engines.Select(e => e.Status == EngineStatus.Ran ? e.Engine : $"{e.Engine} ({e.Status.ToString().ToLowerInvariant()})"));

    private string FailureReason =>
        (FailOn == FailOn.Any ? Findings.Count : NewFindings) is var count and > 0
            ? $"{count} secret finding(s) {(FailOn == FailOn.Any ? "" : "not in the baseline ")}- see {Path.GetFileName(Reports.Log)}. " +
              "Rotate real credentials (docs/operations/secrets-rotation.md) and remove them; accept reviewed false positives with --update-baseline or a pipeline:allow-secret comment." +
              (UnacceptedUnscannedFiles > 0 ? $" Also {UnacceptedUnscannedFiles} file(s) could not be read." : "")
            : $"{UnacceptedUnscannedFiles} file(s) could not be read, so the gate cannot say they hold no secret - see the unscanned list in {Path.GetFileName(Reports.Log)}. " +
              "Fix them (permissions, broken links, archives over a bound) or accept each gap explicitly with --allow-unscanned GLOB.";
}
