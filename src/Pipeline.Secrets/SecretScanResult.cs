using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Sanitisation;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets;

/// <summary>What a scan found, which engines ran, and whether the build should fail.</summary>
public sealed record SecretScanResult(
    IReadOnlyList<SecretFinding> Findings,
    IReadOnlyList<EngineRun> Engines,
    int FilesScanned,
    long BytesScanned,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Duration,
    SanitisationReport Sanitisation,
    SecretScanReports Reports,
    FailOn FailOn)
{
    public int NewFindings => Findings.Count(f => !f.IsBaselined);
    public int BaselinedFindings => Findings.Count(f => f.IsBaselined);

    public bool Failed => FailOn switch
    {
        FailOn.New => NewFindings > 0,
        FailOn.Any => Findings.Count > 0,
        _ => false,
    };

    public string Headline =>
        $"{NewFindings} new secret(s), {BaselinedFindings} baselined; engines: " +
        string.Join(", ", Engines.Select(e => e.Status == EngineStatus.Ran ? e.Engine : $"{e.Engine} ({e.Status.ToString().ToLowerInvariant()})"));

    /// <summary>What the user should do when the scan fails.</summary>
    public string FailureMessage =>
        $"{(FailOn == FailOn.Any ? Findings.Count : NewFindings)} secret finding(s) {(FailOn == FailOn.Any ? "" : "not in the baseline ")}- see {Path.GetFileName(Reports.Log)}. " +
        "Rotate real credentials (docs/operations/secrets-rotation.md) and remove them; accept reviewed false positives with --update-baseline or a pipeline:allow-secret comment.";
}
