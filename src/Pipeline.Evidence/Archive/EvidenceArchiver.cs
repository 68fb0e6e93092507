using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Evidence.Attestation;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Ledger;
using Pipeline.Evidence.Manifest;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;
using Pipeline.Evidence.Verification;
using Serilog;
using Serilog.Events;

namespace Pipeline.Evidence.Archive;

/// <summary>
/// Packages one day's evidence: naming check (AC4.3), secrets gate over every file, the story evidence
/// page (AC4.1), <c>manifest.json</c> and its in-toto statement, then a deterministic zip written through
/// the evidence store (atomic, never overwriting) and verified once written.
/// </summary>
public static class EvidenceArchiver
{
    public static async Task<ArchiveResult> RunAsync(ArchiveSettings settings, RunContext context)
    {
        var (log, clock, redactor, cancellationToken) = (context.Log, context.Clock, context.Redactor, context.CancellationToken);
        var gate = settings.SecretGate ?? DefaultSecretGate.For(redactor);
        var started = clock.GetLocalNow();
        var root = context.Evidence.Root;
        var run = RunSelection.Find(root, settings.Catalogue, RunToArchive(settings, context.Evidence), settings.EvidenceDate);
        var naming = RunSelection.Naming(root, settings.Catalogue, run, settings.EvidenceDate);
        var day = naming.Day;
        log.Information("Run {RunId} ({Ledger}), evidence of {Day}: {Selected} deliverables found, {Missing} missing ({Required} required), {Misnamed} misnamed",
            run.RunId, Path.GetRelativePath(root, run.LedgerPath).Replace('\\', '/'), naming.DateStamp, naming.Selected.Count, naming.Missing.Count, naming.MissingRequired.Count(), naming.Misnamed.Count);
        foreach (var missing in naming.Missing)
            log.Write(missing.Deliverable.Required ? LogEventLevel.Warning : LogEventLevel.Information,
                "Missing {Kind} deliverable {Path} ({Criteria}, produced by {Target})", missing.Deliverable.Required ? "required" : "optional",
                missing.ExpectedPath, string.Join(", ", missing.Deliverable.Criteria), missing.Deliverable.ProducedBy);
        foreach (var misnamed in naming.Misnamed)
            log.Warning("Misnamed: {File} should be named {Expected}", misnamed.RelativePath, misnamed.ExpectedPath);
        // The living documents alone are no evidence of a day: with no dated file there is nothing to archive.
        if (!naming.Selected.Any(s => s.Deliverable.IsDated))
            return new ArchiveResult(ArchiveStatus.NothingToArchive, naming, [], []);

        // One run's evidence or none: a file changed since the ledger recorded it, or a report that summarises
        // other raw results, stops the archive here with one line.
        RunCoherence.Check(settings.Catalogue, run, naming);
        var disqualified = RunCoherence.Disqualified(root, run, naming);
        foreach (var reason in disqualified.GroupBy(d => d.Value, StringComparer.Ordinal))
            log.Warning("Cannot count as met ({Reason}): {Files}", reason.Key, string.Join(", ", reason.Select(d => d.Key)));

        var files = naming.Selected.Select(s => (s.RelativePath, s.FullPath)).ToList();
        log.Information("Secrets gate ({Gate}) over {Count} files", gate.Name, files.Count);
        var findings = SecretGateCheck.Run(gate, files, redactor);
        if (findings.Count > 0) return Blocked(naming, findings, log);

        // Disposed: placeholders of names not written (the run stopped at the secrets gate) are removed.
        using var store = new EvidenceStore(root, new EvidenceDayClock(day, clock), redactor);
        var paths = store.Reserve(EvidenceNames.EvidenceArchive.Template, EvidenceNames.EvidenceManifest.Template, EvidenceNames.EvidenceStatement.Template, EvidenceNames.StoryEvidencePage.Template);
        var (archivePath, manifestPath, statementPath, pagePath) = (paths[0], paths[1], paths[2], paths[3]);
        var git = await GitStateReader.ReadAsync(root, context.Tools, cancellationToken);

        var figures = EvidenceFigureCollector.Collect(naming);
        var rows = CriterionAssessor.Assess(settings.Catalogue, naming, figures, files.Count + 1, store.Relative(pagePath), store.Relative(archivePath), disqualified);
        var page = StoryEvidencePage.Render(new StoryEvidencePage.Context(settings.Catalogue, naming, figures, rows,
            store.Relative(archivePath), git, settings.Host, clock.GetLocalNow()) { RunId = run.RunId });
        store.WriteTextTo(pagePath, page);
        files.Add((store.Relative(pagePath), pagePath));
        findings = SecretGateCheck.Run(gate, [(store.Relative(pagePath), pagePath)], redactor);
        if (findings.Count > 0)
        {
            File.Delete(pagePath);   // a page that carries a secret must not stay on disk either
            return Blocked(naming, findings, log);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var manifest = BuildManifest(settings, gate.Name, redactor, naming, git, started, clock.GetLocalNow(), files, day) with { RunId = run.RunId };
        var manifestBytes = Encoding.UTF8.GetBytes(redactor.Redact(EvidenceJson.Serialize(manifest)));
        var statementBytes = Encoding.UTF8.GetBytes(redactor.Redact(EvidenceJson.Serialize(InTotoStatement.For(manifest))));

        var entries = files.Select(f => ArchiveEntrySource.FromFile(f.RelativePath, f.FullPath))
            .Append(ArchiveEntrySource.FromBytes(EvidenceManifest.EntryName, manifestBytes))
            .Append(ArchiveEntrySource.FromBytes(InTotoStatement.EntryName, statementBytes))
            .ToList();
        log.Information("Writing {Archive}: {Count} entries, {MiB:0.0} MiB before compression", store.Relative(archivePath), entries.Count,
            manifest.Files.Sum(f => f.Size) / 1048576.0);
        await store.WriteStreamAsync(archivePath, stream => { DeterministicZip.Write(stream, entries); return Task.CompletedTask; });
        // Beside the zip too, so a team can sign the statement without unpacking (the text is already redacted).
        store.WriteTextTo(manifestPath, Encoding.UTF8.GetString(manifestBytes));
        store.WriteTextTo(statementPath, Encoding.UTF8.GetString(statementBytes));

        // Read back what was written: a file that changed between hashing and zipping is caught here, not by QA.
        var verification = ArchiveVerifier.Verify(archivePath);
        if (!verification.Passed)
        {
            // An archive that does not match its own manifest must not be handed to anyone.
            foreach (var path in new[] { archivePath, manifestPath, statementPath }) File.Delete(path);
            throw new InvalidOperationException($"The archive just written does not verify and was removed ({verification}). " +
                                                "A file changed while archiving (is an evidence target still running?); run ArchiveEvidence again.");
        }

        string archiveSha;
        await using (var archive = File.OpenRead(archivePath))
            archiveSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(archive, cancellationToken));
        log.Information("Archived {Count} files into {Archive} (sha256 {Sha}); {Met}/{Total} criteria met; page {Page}",
            manifest.Files.Count, store.Relative(archivePath), archiveSha[..16], rows.Count(r => r.Status == CriterionStatus.Met), rows.Count, store.Relative(pagePath));
        return new ArchiveResult(ArchiveStatus.Archived, naming, [], rows)
        {
            ArchivePath = archivePath,
            ManifestPath = manifestPath,
            StatementPath = statementPath,
            PagePath = pagePath,
            FileCount = manifest.Files.Count,
            ArchiveSha256 = archiveSha,
        };
    }

    // The run the user named; else the run this invocation recorded (the chain ran before ArchiveEvidence); else none: the newest complete run.
    private static string? RunToArchive(ArchiveSettings settings, EvidenceStore evidence) =>
        !string.IsNullOrEmpty(settings.RunId) ? settings.RunId
        : evidence.FilesRecorded > 0 ? evidence.RunId
        : null;

    private static ArchiveResult Blocked(NamingReport naming, IReadOnlyList<GateFinding> findings, ILogger log)
    {
        foreach (var finding in findings)
        {
            if (finding.IsUnread) log.Error("Not scanned: {File} ({Description})", finding.File, finding.Description);
            else log.Error("Secret in {File} line {Line}: {Rule} ({Description}) {Redacted}", finding.File, finding.Line, finding.RuleId, finding.Description, finding.Redacted);
        }
        return new ArchiveResult(ArchiveStatus.BlockedBySecrets, naming, findings, []);
    }

    private static EvidenceManifest BuildManifest(ArchiveSettings settings, string gateName, SecretRedactor redactor, NamingReport naming, GitState git,
        DateTimeOffset started, DateTimeOffset finished, IReadOnlyList<(string RelativePath, string FullPath)> files, DateOnly day)
    {
        var selected = naming.Selected.ToDictionary(s => s.RelativePath, StringComparer.Ordinal);
        var engines = EngineVersionReader.Read(naming);
        var manifestFiles = files
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .Select(f =>
            {
                using var stream = File.OpenRead(f.FullPath);
                var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
                var size = new FileInfo(f.FullPath).Length;
                return selected.TryGetValue(f.RelativePath, out var s)
                    ? new ManifestFile(f.RelativePath, sha, size, s.Deliverable.Id, s.Deliverable.ProducedBy, s.Deliverable.Criteria,
                        engines.ByDeliverable.GetValueOrDefault(s.Deliverable.Id))
                    : new ManifestFile(f.RelativePath, sha, size, EvidenceNames.StoryEvidencePage.Id, EvidenceNames.StoryEvidencePage.ProducedBy, EvidenceNames.StoryEvidencePage.Criteria);
            })
            .ToList();

        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["pipeline"] = typeof(EvidenceArchiver).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            ["secret-gate"] = gateName,
        };
        foreach (var (name, version) in engines.Tools) tools[name] = version;
        // Masked value by value as well as in the final text: JSON escaping could hide a secret from a text-level pass.
        var parameters = new SortedDictionary<string, string>(
            settings.Parameters.ToDictionary(p => p.Key, p => redactor.Redact(p.Value)), StringComparer.Ordinal);

        return new EvidenceManifest(
            EvidenceManifest.SchemaUri,
            "2.8.1",
            EvidenceStamp.Format(day),
            new ManifestRun(started, finished, settings.Host, git.Commit, git.Branch, git.Dirty,
                tools["pipeline"], RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, gateName),
            parameters,
            tools,
            manifestFiles,
            naming.Missing.Select(m => new ManifestGap(m.Deliverable.Id, m.ExpectedPath, m.Deliverable.Criteria, m.Deliverable.Required)).ToList(),
            naming.Misnamed.Select(m => new ManifestGap(m.Deliverable.Id, m.ExpectedPath, m.Deliverable.Criteria, m.Deliverable.Required, m.RelativePath)).ToList());
    }
}
