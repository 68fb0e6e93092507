using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.Verification;
using Pipeline.Targets;

// Evidence package: ArchiveEvidence (AC4.1, AC4.3) and VerifyEvidence.
partial class Build
{
    [Parameter("ArchiveEvidence --skip: only consider runs with evidence of this day, YYYYMMDD (default: any day)")] readonly string EvidenceDate;
    [Parameter("Evidence archive VerifyEvidence checks, e.g. reports/evidence-20251014.zip")] readonly AbsolutePath Archive;

    Target ArchiveEvidence => _ => _
        .Description("Naming check, secrets gate, story evidence page, manifest + in-toto statement, reports/evidence-YYYYMMDD.zip (AC4.1, AC4.3)")
        .DependsOn(ScanSecrets, DrillOpenAI, DrillSupabase, HealthCheck, RunP95, Summarize)   // --skip them to archive what exists
        .Produces("reports/evidence-*.zip", "reports/evidence-*.manifest.json", "reports/evidence-*.intoto.json", "docs/evidence/story-2.8-evidence-*.md")
        .Executes(async () =>
        {
            var settings = new ArchiveSettings(RootDirectory, ArchiveSecretGate())
            {
                // The run this build recorded (the chain ran, or --run-id named it); with --skip alone, the newest complete run.
                RunId = !string.IsNullOrEmpty(RunId) || Evidence.FilesRecorded > 0 ? Evidence.RunId : null,
                EvidenceDate = ParseEvidenceDate(),
                Parameters = NonSecretParameters, Tools = Tools, Clock = Clock, Redactor = Redactor,
            };
            var result = await EvidenceArchiver.RunAsync(settings, Log, CancellationToken);
            Note(result.Headline);
            if (result.FailureMessage is { } failure) throw new TargetFailedException(failure);
        });

    Target VerifyEvidence => _ => _
        .Description("Re-hashes an evidence archive against its manifest and in-toto statement; refuses zip-slip entries")
        .Requires(() => Archive)
        .Executes(() =>
        {
            var report = ArchiveVerifier.Verify(Archive, ArchiveSecretGate());
            foreach (var problem in report.Problems) Log.Error("{Problem}", problem.ToString());
            Note(report.Passed ? $"{report.FilesListed} files verified" : $"{report.Problems.Count} problem(s)");
            if (!report.Passed) throw new TargetFailedException($"{report} Do not hand this archive to QA; rebuild it with ArchiveEvidence.");
        });

    DateOnly? ParseEvidenceDate()
    {
        try { return EvidenceStamp.ParseOptionalDay(EvidenceDate); }
        catch (ArgumentException exception) { throw new TargetFailedException($"--evidence-date: {exception.Message}"); }
    }

    // Pipeline's built-in scanner plus the values this run knows to be secret, whatever their shape.
    ISecretGate ArchiveSecretGate() => new CompositeSecretGate(new BuiltInScannerGate(Redactor), new RegisteredSecretGate(Redactor));
}
