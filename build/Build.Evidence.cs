using Pipeline.Core.Evidence;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Verification;
using Pipeline.Targets;
using Serilog;

// Evidence package: ArchiveEvidence (AC4.1, AC4.3) and VerifyEvidence.
partial class Build
{
    [Parameter("ArchiveEvidence --skip: only consider runs with evidence of this day, YYYYMMDD (default: any day)")] readonly DateOnly? EvidenceDate;
    [Parameter("Evidence archive VerifyEvidence checks, e.g. reports/evidence-20251014.zip")] readonly AbsolutePath Archive;

    Target ArchiveEvidence => _ => _
        .Description("Naming check, secrets gate, story evidence page, manifest + in-toto statement, reports/evidence-YYYYMMDD.zip (AC4.1, AC4.3)")
        .DependsOn(ScanSecrets, DrillOpenAI, DrillSupabase, HealthCheck, RunP95, Summarize)   // --skip them to archive what exists
        .Produces(EvidenceGlobs(EvidenceNames.EvidenceArchive, EvidenceNames.EvidenceManifest, EvidenceNames.EvidenceStatement, EvidenceNames.StoryEvidencePage))
        .Executes(async () =>
        {
            var settings = new ArchiveSettings(RootDirectory, ArchiveSecretGate())
            {
                // The run this build recorded (the chain ran, or --run-id named it); with --skip alone, the newest complete run.
                RunId = !string.IsNullOrEmpty(RunId) || Evidence.FilesRecorded > 0 ? Evidence.RunId : null,
                EvidenceDate = EvidenceDate,
                Parameters = NonSecretParameters, Tools = Tools, Clock = Clock, Redactor = Redactor,
            };
            var result = await EvidenceArchiver.RunAsync(settings, Log.Logger, CancellationToken);
            ReportSummary(_ => _.AddPair("Result", result.Headline));
            if (result.FailureMessage is { } failure) throw new TargetFailedException(failure);
        });

    [Parameter("VerifyEvidence: the statement the archive must match (default: the .intoto.json beside the archive)")] readonly AbsolutePath Statement;
    [Parameter("VerifyEvidence: ssh-keygen signature over the statement (default: <statement>.sig when --allowed-signers is given)")] readonly AbsolutePath Signature;
    [Parameter("VerifyEvidence: OpenSSH allowed-signers file listing who may sign evidence")] readonly AbsolutePath AllowedSigners;
    [Parameter("VerifyEvidence: the signer's identity in the allowed-signers file, e.g. release@example.com")] readonly string SignerIdentity;

    Target VerifyEvidence => _ => _
        .Description("Checks an evidence archive: integrity, match with the statement beside it, and its ssh-keygen signature when given")
        .Requires(() => Archive)
        .Executes(async () =>
        {
            var outcome = await EvidenceCheck.RunAsync(new EvidenceCheck.Settings(Archive)
            {
                Statement = Statement?.ToString(), Signature = Signature?.ToString(), AllowedSigners = AllowedSigners?.ToString(), SignerIdentity = SignerIdentity,
                SecretGate = ArchiveSecretGate(),
            }, Tools, CancellationToken);
            foreach (var problem in outcome.Integrity.Problems) Log.Error("{Problem}", problem.ToString());
            string[] verdicts = [outcome.IntegrityLine, outcome.StatementLine, outcome.SignatureLine];
            foreach (var line in verdicts) Log.Information("{Verdict}", line);
            ReportSummary(_ => _.AddPair("Result", string.Join("; ", verdicts.Select(v => v.Split(" (")[0]))));
            if (!outcome.Passed)
                throw new TargetFailedException($"{string.Join("; ", verdicts.Where(v => v.Contains("FAILED")).Select(v => v.TrimEnd('.')))}. Do not hand this archive to QA; rebuild it with ArchiveEvidence.");
        });

    // Pipeline's built-in scanner plus the values this run knows to be secret, whatever their shape.
    ISecretGate ArchiveSecretGate() => new CompositeSecretGate(new BuiltInScannerGate(Redactor), new RegisteredSecretGate(Redactor));
}
