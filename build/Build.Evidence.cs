using Pipeline.Core.Evidence;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Verification;
using Pipeline.Targets;

// Evidence package: ArchiveEvidence (AC4.1, AC4.3) and VerifyEvidence.
partial class Build
{
    [Parameter("ArchiveEvidence --skip: only consider runs with evidence of this day, YYYYMMDD (default: any day)")] readonly DateOnly? EvidenceDate;
    [Parameter("Evidence archive VerifyEvidence checks, e.g. reports/evidence-20251014.zip")] readonly AbsolutePath Archive;

    Target ArchiveEvidence => _ => _
        .Description("Naming check, secrets gate, story evidence page, manifest + in-toto statement, reports/evidence-YYYYMMDD.zip (AC4.1, AC4.3)")
        .DependsOn(ScanSecrets, DrillOpenAI, DrillSupabase, HealthCheck, RunP95, Summarize)   // --skip them to archive what exists
        .Produces(EvidenceGlobs(EvidenceNames.EvidenceArchive, EvidenceNames.EvidenceManifest, EvidenceNames.EvidenceStatement, EvidenceNames.StoryEvidencePage))
        .Executes(() => Run(EvidenceArchiver.RunAsync(new ArchiveSettings
        {
            RunId = RunId, EvidenceDate = EvidenceDate, Parameters = NonSecretParameters,
        }, Context)));

    [Parameter("VerifyEvidence: the statement the archive must match (default: the .intoto.json beside the archive)")] readonly AbsolutePath Statement;
    [Parameter("VerifyEvidence: ssh-keygen signature over the statement (default: <statement>.sig when --allowed-signers is given)")] readonly AbsolutePath Signature;
    [Parameter("VerifyEvidence: OpenSSH allowed-signers file listing who may sign evidence")] readonly AbsolutePath AllowedSigners;
    [Parameter("VerifyEvidence: the signer's identity in the allowed-signers file, e.g. release@example.com")] readonly string SignerIdentity;

    Target VerifyEvidence => _ => _
        .Description("Checks an evidence archive: integrity, match with the statement beside it, and its ssh-keygen signature when given")
        .Requires(() => Archive)
        .Executes(() => Run(EvidenceCheck.RunAsync(new EvidenceCheckSettings(Archive)
        {
            Statement = Statement, Signature = Signature, AllowedSigners = AllowedSigners, SignerIdentity = SignerIdentity,
        }, Context)));
}
