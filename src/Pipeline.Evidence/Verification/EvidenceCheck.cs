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
            throw new UserInputException($"{settings.Statement} does not exist; give the reports/evidence-YYYYMMDD.intoto.json written beside the archive.")
                { Input = nameof(settings.Statement) };
        var signature = SignaturePath(settings, statement);

        var report = ArchiveVerifier.Verify(settings.Archive, settings.SecretGate ?? DefaultSecretGate.For(context.Redactor), statement);
        var integrityProblems = report.Problems.Count(p => p.Kind != ProblemKind.Statement);
        var statementProblems = report.Problems.Count(p => p.Kind == ProblemKind.Statement);
        var integrity = integrityProblems == 0
            ? new CheckVerdict($"integrity: verified ({report.FilesListed} files match manifest.json and the statement inside the archive)", Failed: false)
            : new CheckVerdict($"integrity: FAILED ({integrityProblems} problem(s))", Failed: true);
        var statementMatch = statement is null
            ? new CheckVerdict("statement match: not checked (no statement beside the archive or given)", Failed: false)
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
        if (signature is null) return new CheckVerdict("signature: not checked (no signature given)", Failed: false);
        if (statement is null)
            throw new UserInputException($"{signature} signs a statement, but there is none beside the archive: give the statement file too.")
                { Input = nameof(settings.Signature) };
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
            throw new UserInputException($"a signature check (allowed signers given) needs a statement, and there is none beside the archive (no {Path.GetFileNameWithoutExtension(settings.Archive)}.intoto.json): give the statement file and the signature file.")
                { Input = nameof(settings.Statement) };
        if (signature is null) return null;
        if (!File.Exists(signature))
            throw new UserInputException($"The signature {signature} does not exist; sign the statement with ssh-keygen -Y sign -n {SshSignature.Namespace} (docs/evidence/README.md) or give the signature file.")
                { Input = nameof(settings.Signature) };
        if (settings.AllowedSigners is null)
            throw new UserInputException("a signature check needs the allowed-signers file (who may sign: 'identity namespaces=\"pipeline-evidence\" ssh-ed25519 AAAA...').")
                { Input = nameof(settings.AllowedSigners) };
        if (!File.Exists(settings.AllowedSigners))
            throw new UserInputException($"{settings.AllowedSigners} does not exist.") { Input = nameof(settings.AllowedSigners) };
        if (string.IsNullOrWhiteSpace(settings.SignerIdentity))
            throw new UserInputException("a signature check needs the signer's identity, as the allowed-signers file lists it (e.g. release@example.com).")
                { Input = nameof(settings.SignerIdentity) };
        return signature;
    }
}
