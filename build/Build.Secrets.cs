using Pipeline.Core.Evidence;
using Pipeline.Secrets;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Inventory;
using Pipeline.Targets;

// Secret governance: ScanSecrets (AC1.2, AC1.3) and AuditSecrets (AC1.1, AC4.2).
partial class Build
{
    [Parameter("Folder to scan for secrets (default: the repository root)")] readonly AbsolutePath ScanRoot;
    [Parameter("Extra folders scanned whole, e.g. CI logs and artifacts (reports/ is always included)")] readonly AbsolutePath[] ScanPaths = [];
    [Parameter("Accepted findings, detect-secrets format (default: .secrets.baseline)")] readonly AbsolutePath Baseline;
    [Parameter("Add the current findings to the baseline (review them first)")] readonly bool UpdateBaseline;
    [Parameter("Which findings fail ScanSecrets: new, any or none")] readonly FailOn FailOn = FailOn.New;
    [Parameter("Accept these unscanned paths (globs, .gitignore syntax), e.g. 'assets/*.xz'; any other file ScanSecrets cannot read fails it")] readonly string[] AllowUnscanned = [];
    [Parameter("trufflehog executable (default: from PATH)")] readonly AbsolutePath TrufflehogPath;
    [Parameter("detect-secrets executable (default: from PATH)")] readonly AbsolutePath DetectSecretsPath;
    [Parameter("Let trufflehog verify found credentials online")] readonly bool TrufflehogVerify;
    [Parameter("Max run time of trufflehog / detect-secrets")] readonly TimeSpan ScannerTimeout = ExternalEngineSettings.DefaultTimeout;

    Target ScanSecrets => _ => _
        .Description("Scans the repository, the build's logs and artifacts for secrets with every available engine (AC1.2, AC1.3)")
        .Produces(EvidenceGlobs(EvidenceNames.SecretsScan, EvidenceNames.DetectSecretsRaw, EvidenceNames.SecretsScanSarif, EvidenceNames.CiSecretsScan))
        .Executes(() => Run(SecretScan.RunAsync(new SecretScanSettings(ScanRoot ?? RootDirectory)
        {
            ScanPaths = [.. ScanPaths.Select(p => (string)p)], ReportsFolderPath = ReportsDirectory,
            Baseline = Baseline ?? RootDirectory / SecretScanSettings.DefaultBaselineFile, BaselineMustExist = Baseline is not null,
            UpdateBaseline = UpdateBaseline, FailOn = FailOn, AllowUnscanned = AllowUnscanned, TrufflehogVerify = TrufflehogVerify,
            Trufflehog = new ExternalEngineSettings { ExecutablePath = TrufflehogPath?.ToString(), Timeout = ScannerTimeout },
            DetectSecrets = new ExternalEngineSettings { ExecutablePath = DetectSecretsPath?.ToString(), Timeout = ScannerTimeout },
        }, Context)));

    [Parameter("Secrets inventory (default: docs/operations/secrets-inventory.yaml)")] readonly AbsolutePath Inventory;
    [Parameter("Warn this many days before a rotation is due", Minimum = 0)] readonly int RotationWarnDays = SecretsAuditSettings.DefaultWarnDays;

    Target AuditSecrets => _ => _
        .Description("Checks the secrets inventory (owners, rotation, [Secret] parameters, .env files, templates), regenerates the rotation table (AC1.1, AC4.2)")
        .Produces(EvidenceGlobs(EvidenceNames.SecretsRotation, EvidenceNames.SecretsAuditTrail))
        .Executes(() => Run(SecretsAudit.RunAsync(new SecretsAuditSettings(RootDirectory, SecretParameterNames)
        {
            Inventory = Inventory?.ToString(), WarnDays = RotationWarnDays,
        }, Context)));
}
