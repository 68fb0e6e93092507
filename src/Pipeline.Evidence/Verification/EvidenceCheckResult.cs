using Pipeline.Core.Runs;

namespace Pipeline.Evidence.Verification;

/// <summary>
/// The three verdicts of <see cref="EvidenceCheck"/>, one line each ("integrity: verified (...)", "statement match: ...",
/// "signature: ..."), and the integrity report behind the first. It writes no evidence.
/// </summary>
public sealed record EvidenceCheckResult : IRunResult
{
    internal EvidenceCheckResult(VerificationReport integrity, CheckVerdict integrityVerdict, CheckVerdict statementVerdict, CheckVerdict signatureVerdict)
    {
        Integrity = integrity;
        (IntegrityLine, StatementLine, SignatureLine) = (integrityVerdict.Line, statementVerdict.Line, signatureVerdict.Line);
        CheckVerdict[] verdicts = [integrityVerdict, statementVerdict, signatureVerdict];
        Headline = string.Join("; ", verdicts.Select(v => v.Line.Split(" (")[0]));
        var failed = verdicts.Where(v => v.Failed).Select(v => v.Line.TrimEnd('.')).ToList();
        Outcome = RunOutcome.FailedIf(failed.Count == 0 ? null
            : $"{string.Join("; ", failed)}. Do not hand this archive to QA; rebuild it with ArchiveEvidence.");
    }

    public string IntegrityLine { get; }
    public string StatementLine { get; }
    public string SignatureLine { get; }

    internal VerificationReport Integrity { get; }

    /// <summary>The three verdicts without their details, e.g. "integrity: verified; statement match: verified; signature: not checked".</summary>
    public string Headline { get; }

    /// <summary>Failed when any verdict failed: those verdicts, and that the archive must be rebuilt.</summary>
    public RunOutcome Outcome { get; }

    public IReadOnlyList<string> EvidenceFiles => [];
}
