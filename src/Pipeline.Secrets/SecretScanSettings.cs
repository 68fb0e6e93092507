using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets;

/// <summary>What <see cref="SecretScan.RunAsync"/> scans and how; immutable, defaults named.</summary>
public sealed record SecretScanSettings(string Root)
{
    public const string DefaultBaselineFile = ".secrets.baseline";
    public const string ReportsFolder = "reports";

    /// <summary>Extra folders (CI logs, artifacts) scanned whole, without the repository's .gitignore.</summary>
    public IReadOnlyList<string> ScanPaths { get; init; } = [];

    /// <summary>Also scan the build's own evidence and logs under reports/ (git-ignored, so not in the repository scan).</summary>
    public bool ScanReportsFolder { get; init; } = true;

    /// <summary>The build's reports folder; null means <c>Root/reports</c> (pass it when scanning another folder).</summary>
    public string? ReportsFolderPath { get; init; }

    /// <summary>New findings listed one per line in the console; the rest are counted (all are in the reports).</summary>
    public int MaxFindingsInConsole { get; init; } = 50;

    /// <summary>The detect-secrets baseline of accepted findings; null means <c>Root/.secrets.baseline</c>.</summary>
    public string? Baseline { get; init; }

    /// <summary>The user named the baseline: a missing file is an error (unless it is being created with <see cref="UpdateBaseline"/>).</summary>
    public bool BaselineMustExist { get; init; }

    /// <summary>Add every current finding to the baseline file (after review!).</summary>
    public bool UpdateBaseline { get; init; }

    public FailOn FailOn { get; init; } = FailOn.New;

    /// <summary>
    /// Globs (.gitignore syntax, relative to the root) of unscanned paths the user accepts: anything else the
    /// scanner could not read fails the gate with <see cref="FailOn.New"/> or <see cref="FailOn.Any"/>.
    /// </summary>
    public IReadOnlyList<string> AllowUnscanned { get; init; } = [];

    public ExternalEngineSettings Trufflehog { get; init; } = new();
    public ExternalEngineSettings DetectSecrets { get; init; } = new();

    /// <summary>Let trufflehog verify credentials against the providers (internet access); off by default.</summary>
    public bool TrufflehogVerify { get; init; }

    public SecretScannerOptions Scanner { get; init; } = new();

    /// <summary>The environment checked for leaked values (AC1.3); null means this process's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string ResolvedBaselinePath => Path.GetFullPath(Baseline ?? Path.Combine(Root, DefaultBaselineFile));
}
