using Pipeline.Core.Files;
using System.Diagnostics;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Baseline;
using Pipeline.Secrets.Reports;
using Pipeline.Secrets.Sanitisation;
using Pipeline.Secrets.Scanning;
using Serilog;

namespace Pipeline.Secrets;

/// <summary>
/// The ScanSecrets run: the built-in scanner over the repository (what git tracks, plus untracked files that are
/// not ignored; a .gitignore-honouring folder walk outside a git work tree) and the build's logs
/// and artifacts, trufflehog and detect-secrets when present, findings merged and checked against the
/// baseline, the four reports written as evidence, and the verdict.
/// </summary>
public static class SecretScan
{
    public const string BuiltInEngine = SecretFinding.BuiltInEngine;

    public static async Task<SecretScanResult> RunAsync(SecretScanSettings settings, RunContext context)
    {
        var (evidence, logger, redactor, cancellationToken) = (context.Evidence, context.Log, context.Redactor, context.CancellationToken);
        var startedAt = evidence.RunDate;
        var watch = Stopwatch.StartNew();
        var root = Path.GetFullPath(settings.Root);
        RequireFolder(root, nameof(settings.Root));
        foreach (var folder in settings.ScanPaths) RequireFolder(folder, nameof(settings.ScanPaths));
        var baseline = SecretsBaseline.Load(settings.ResolvedBaselinePath, settings.BaselineMustExist && !settings.UpdateBaseline);
        // Test results echo the tests' planted secrets (theory arguments, messages): listed as skipped, scanned
        // only when named in ScanPaths.
        var testResults = Path.GetFullPath(Path.Combine(settings.ReportsFolderPath ?? Path.Combine(root, SecretScanSettings.ReportsFolder), "tests"));
        var excluded = new Dictionary<string, string>(settings.Scanner.ExcludedFolders)
        {
            [testResults] = "test results (they echo the tests' planted secrets); pass --scan-paths reports/tests to scan them",
        };
        var scanner = SecretScanner.CreateDefault(settings.Scanner with { OnFileScanned = ProgressLogger(logger), ExcludedFolders = excluded }, redactor);

        // 1. Built-in: the repository, then the artifact folders (whole, since reports/ is git-ignored).
        logger.Information("Scanning {Root} with the built-in scanner ({Rules} rules)", root, scanner.Rules.Count);
        var listing = await GitFileLister.ListAsync(root, scanner.Options, context.Tools, cancellationToken);
        logger.Information("Files listed by {Listing}: {Files:N0}", listing.Source, listing.Files.Count);
        var repository = scanner.Scan(listing, root, cancellationToken);
        var artifactFolders = ArtifactFolders(settings, root);
        var artifactScans = artifactFolders.Select(folder =>
        {
            logger.Information("Scanning artifacts in {Folder}", folder);
            return scanner.ScanDirectory(folder, root, cancellationToken);
        }).ToList();
        var builtIn = repository.Findings.Concat(artifactScans.SelectMany(a => a.Findings))
            .DistinctBy(f => (f.File, f.Line, f.SecretHash)).ToList();
        var builtInSeconds = repository.Duration + artifactScans.Aggregate(TimeSpan.Zero, (t, a) => t + a.Duration);
        var files = repository.FilesScanned + artifactScans.Sum(a => a.FilesScanned);
        var bytes = repository.BytesScanned + artifactScans.Sum(a => a.BytesScanned);
        logger.Information("Built-in scanner: {Findings} finding(s) in {Files} files ({MiB:0.0} MiB) in {Seconds:0.00} s",
            builtIn.Count, files, bytes / 1048576.0, builtInSeconds.TotalSeconds);

        // 2. External engines, when present; their failures are reported, never fatal.
        var external = new ExternalScanner(context.Tools, logger, redactor);
        var (trufflehogRun, trufflehogFindings) = await external.RunTrufflehogAsync(settings.Trufflehog, root, settings.TrufflehogVerify, cancellationToken);
        var (detectSecretsRun, detectSecretsFindings) = await external.RunDetectSecretsAsync(settings.DetectSecrets, root, cancellationToken);
        var engines = new List<EngineRun>
        {
            new(BuiltInEngine, EngineStatus.Ran, "Pipeline.Secrets " + typeof(SecretScanner).Assembly.GetName().Version?.ToString(3), builtInSeconds, builtIn.Count),
            trufflehogRun, detectSecretsRun,
        };

        // 3. Merge (external findings in git-ignored files dropped: one policy for every engine), baseline, update.
        var listed = repository.Files.Concat(artifactScans.SelectMany(a => a.Files)).ToHashSet(StringComparer.Ordinal);
        bool Listed(SecretFinding f) => listed.Contains(f.File);
        var merged = FindingMerger.Merge(builtIn, trufflehogFindings.Where(Listed).ToList(), detectSecretsFindings.Where(Listed).ToList())
            .Select(f => f with { IsBaselined = baseline.Contains(f) }).ToList();
        string? updatedBaseline = null;
        if (settings.UpdateBaseline)
        {
            var updated = baseline.With(merged);
            AtomicFile.WriteAllText(settings.ResolvedBaselinePath, DetectSecretsBaselineWriter.Write(updated, context.Clock.GetUtcNow()), overwrite: true);
            updatedBaseline = settings.ResolvedBaselinePath;
            logger.Information("Baseline {Path}: {Added} finding(s) added, {Total} entries", settings.ResolvedBaselinePath, updated.Entries.Count - baseline.Entries.Count, updated.Entries.Count);
            merged = merged.Select(f => f with { IsBaselined = true }).ToList();
        }

        // 4. Sanitisation (AC1.3): secrets in artifacts, and environment values written in clear.
        var secretVariables = EnvironmentLeakCheck.SecretVariables(settings.Environment ?? EnvironmentLeakCheck.ProcessEnvironment());
        var artifactFiles = artifactFolders.SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Select(path => (path, Path.GetRelativePath(root, path).Replace('\\', '/'))).ToList();
        var leaks = EnvironmentLeakCheck.FindLeaks(secretVariables, artifactFiles, redactor, settings.Scanner.MaxFileBytes);
        var artifactPrefixes = artifactFolders.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/') + "/").ToList();
        var sanitisation = new SanitisationReport(
            artifactFolders.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToList(),
            artifactScans.Sum(a => a.FilesScanned),
            merged.Count(f => artifactPrefixes.Any(p => f.File.StartsWith(p, StringComparison.Ordinal))),
            secretVariables.Keys.Order(StringComparer.Ordinal).ToList(),
            leaks,
            redactor.Count);

        // 5. Evidence: four files sharing one name suffix, all written through the redactor.
        var paths = evidence.Reserve(EvidenceNames.SecretsScan.Template, EvidenceNames.DetectSecretsRaw.Template, EvidenceNames.SecretsScanSarif.Template, EvidenceNames.CiSecretsScan.Template);
        var reports = new SecretScanReports(paths[0], paths[1], paths[2], paths[3], updatedBaseline);
        var accepted = new Scanning.GitIgnoreRules("", settings.AllowUnscanned);
        var result = new SecretScanResult(merged, engines, files, bytes,
            repository.Skipped.Concat(artifactScans.SelectMany(a => a.Skipped))
                .Select(s => s.Kind == SkipKind.Unscanned && accepted.Decide(s.Path, isDirectory: false) == true ? s with { Accepted = true } : s).ToList(),
            watch.Elapsed, sanitisation, reports, settings.FailOn) { Listing = repository.Listing };
        evidence.WriteTextTo(paths[0], TrufflehogJsonLinesWriter.Write(merged));
        evidence.WriteTextTo(paths[1], DetectSecretsBaselineWriter.Write(new SecretsBaseline(SecretsBaseline.EntriesFor(merged).ToList()), context.Clock.GetUtcNow()));
        evidence.WriteTextTo(paths[2], SarifWriter.Write(merged, scanner.Rules, engines[0].Version ?? "1.0.0"));
        evidence.WriteTextTo(paths[3], ScanLogWriter.Write(result, settings, startedAt, baseline.Entries.Count, scanner.Rules.Count));

        foreach (var finding in merged.Where(f => !f.IsBaselined).Take(settings.MaxFindingsInConsole))
            logger.Warning("New secret: {File}:{Line} {Rule} {Redacted} ({Engines})", finding.File, finding.Line, finding.RuleId, finding.Redacted, string.Join(", ", finding.Engines));
        if (result.NewFindings > settings.MaxFindingsInConsole)
            logger.Warning("... and {More} more new secret(s): all are listed in {Log}", result.NewFindings - settings.MaxFindingsInConsole, evidence.Relative(paths[3]));
        if (result.UnacceptedUnscannedFiles > 0)
            logger.Warning("{Count} file(s) could not be read ({Bytes:N0} bytes unread: {Why}); they fail the gate unless accepted with --allow-unscanned GLOB - see {Log}",
                result.UnacceptedUnscannedFiles, result.UnscannedBytes, string.Join(", ", result.Skipped.Where(s => s.Kind == SkipKind.Unscanned && !s.Accepted).Take(5).Select(s => $"{s.Path}: {s.Category}")), evidence.Relative(paths[3]));
        if (result.Skipped.Count > result.UnacceptedUnscannedFiles)
            logger.Information("{Count} path(s) skipped on purpose (known binary formats, excluded folders, links out of the root, accepted gaps): see {Log}", result.Skipped.Count - result.UnacceptedUnscannedFiles, evidence.Relative(paths[3]));
        if (!sanitisation.Clean)
            logger.Warning("Log sanitisation: {Findings} secret(s) in artifacts, {Leaks} environment value(s) in clear - see {Log}", sanitisation.SecretFindingsInArtifacts, leaks.Count, evidence.Relative(paths[3]));
        logger.Information("Secrets scan: {Headline}; reports {Reports}", result.Headline, string.Join(", ", paths.Select(evidence.Relative)));
        return result;
    }

    // Large trees take a while: one progress line every few seconds, not one per file.
    private static Action<int, int> ProgressLogger(ILogger logger)
    {
        var watch = Stopwatch.StartNew();
        long next = ProgressInterval.Ticks;
        return (done, total) =>
        {
            var now = watch.Elapsed.Ticks;
            var due = Interlocked.Read(ref next);
            if (now < due || Interlocked.CompareExchange(ref next, now + ProgressInterval.Ticks, due) != due) return;
            logger.Information("Scanning: {Done:N0}/{Total:N0} files", done, total);
        };
    }

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(3);

    private static void RequireFolder(string path, string setting)
    {
        if (File.Exists(path)) throw new UserInputException($"'{path}' is a file; pass the folder to scan.") { Input = setting };
        if (!Directory.Exists(path)) throw new UserInputException($"'{path}' was not found; pass an existing folder to scan.") { Input = setting };
    }

    private static List<string> ArtifactFolders(SecretScanSettings settings, string root)
    {
        var folders = settings.ScanPaths.Select(Path.GetFullPath).ToList();
        var reports = Path.GetFullPath(settings.ReportsFolderPath ?? Path.Combine(root, SecretScanSettings.ReportsFolder));
        if (settings.ScanReportsFolder && Directory.Exists(reports)) folders.Insert(0, reports);
        return folders.Select(f => f.TrimEnd('/')).Distinct().ToList();
    }
}
