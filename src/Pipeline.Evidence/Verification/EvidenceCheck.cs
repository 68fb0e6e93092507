using Pipeline.Core.Errors;
using Pipeline.Core.Runs;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Verification;

/// <summary>
/// VerifyEvidence: integrity (the archive against its own manifest and statement), statement match (the
/// archive against the statement written beside it, the file meant to be signed) and, when a signature is
/// given, the signature over that statement. Says plainly which of the three it checked.
/// </summary>
public static class EvidenceCheck
{
    public static async Task<EvidenceCheckResult> RunAsync(EvidenceCheckSettings settings, RunContext context)
    {
        var statement = settings.Statement ?? BesideArchive(settings.Archive);
        if (settings.Statement is not null && !File.Exists(settings.Statement))
            throw new UserInputException($"--statement {settings.Statement} does not exist; pass the reports/evidence-YYYYMMDD.intoto.json written beside the archive.");
        var signature = SignaturePath(settings, statement);

        var report = ArchiveVerifier.Verify(settings.Archive, settings.SecretGate ?? DefaultSecretGate.For(context.Redactor), statement);
        var integrityProblems = report.Problems.Count(p => p.Kind != ProblemKind.Statement);
        var statementProblems = report.Problems.Count(p => p.Kind == ProblemKind.Statement);
        var integrity = integrityProblems == 0
            ? new CheckVerdict($"integrity: verified ({report.FilesListed} files match manifest.json and the statement inside the archive)", Failed: false)
            : new CheckVerdict($"integrity: FAILED ({integrityProblems} problem(s))", Failed: true);
        var statementMatch = statement is null
            ? new CheckVerdict("statement match: not checked (no statement beside the archive; pass --statement FILE)", Failed: false)
            : statementProblems == 0
                ? new CheckVerdict($"statement match: verified (the archive is the one {Path.GetFileName(statement)} describes)", Failed: false)
                : new CheckVerdict($"statement match: FAILED against {Path.GetFileName(statement)} ({statementProblems} problem(s))", Failed: true);
        var signed = await SignatureVerdictAsync(settings, statement, signature, context);

        foreach (var problem in report.Problems) context.Log.Error("{Problem}", problem.ToString());
        var result = new EvidenceCheckResult(report, integrity, statementMatch, signed);
        foreach (var line in new[] { result.IntegrityLine, result.StatementLine, result.SignatureLine }) context.Log.Information("{Verdict}", line);
        return result;
    }

    private static async Task<CheckVerdict> SignatureVerdictAsync(EvidenceCheckSettings settings, string? statement, string? signature, RunContext context)
    {
        if (signature is null) return new CheckVerdict("signature: not checked (no --signature)", Failed: false);
        if (statement is null)
            throw new UserInputException($"--signature {signature} signs a statement, but there is none beside the archive: pass --statement FILE.");
        var problem = await SshSignature.ProblemAsync(context.Tools, statement, signature, settings.AllowedSigners!, settings.SignerIdentity!, context.CancellationToken);
        return problem is null
            ? new CheckVerdict($"signature: verified ({Path.GetFileName(signature)} by '{settings.SignerIdentity}', namespace {SshSignature.Namespace}, {Path.GetFileName(settings.AllowedSigners)})", Failed: false)
            : new CheckVerdict($"signature: FAILED: {problem}", Failed: true);
    }

    private static string? BesideArchive(string archive)
    {
        var candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(archive))!, Path.GetFileNameWithoutExtension(archive) + ".intoto.json");
        return File.Exists(candidate) ? candidate : null;
    }

    // A signature is checked when one is given, or when allowed signers are given and <statement>.sig exists;
    // what it needs (allowed signers, identity, the file itself) is the user's to provide.
    private static string? SignaturePath(EvidenceCheckSettings settings, string? statement)
    {
        var signature = settings.Signature ?? (settings.AllowedSigners is not null && statement is not null ? statement + ".sig" : null);
        // Allowed signers ask for a signature check; passing with "not checked" would be a check that could not check.
        if (signature is null && settings.AllowedSigners is not null)
            throw new UserInputException($"--allowed-signers asks for a signature check, but there is no statement to check it on (no {Path.GetFileNameWithoutExtension(settings.Archive)}.intoto.json beside the archive): pass --statement FILE and --signature FILE.");
        if (signature is null) return null;
        if (!File.Exists(signature))
            throw new UserInputException($"The signature {signature} does not exist; sign the statement with ssh-keygen -Y sign -n {SshSignature.Namespace} (docs/evidence/README.md) or pass --signature FILE.");
        if (settings.AllowedSigners is null)
            throw new UserInputException("--signature needs --allowed-signers FILE (who may sign: 'identity namespaces=\"pipeline-evidence\" ssh-ed25519 AAAA...').");
        if (!File.Exists(settings.AllowedSigners))
            throw new UserInputException($"--allowed-signers {settings.AllowedSigners} does not exist.");
        if (string.IsNullOrWhiteSpace(settings.SignerIdentity))
            throw new UserInputException("--signature needs --signer-identity NAME: the identity the allowed-signers file lists for the signer (e.g. release@example.com).");
        return signature;
    }
}
