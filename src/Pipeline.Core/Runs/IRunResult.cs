namespace Pipeline.Core.Runs;

/// <summary>What every target's library returns: one outcome, one headline for the build summary, the evidence it wrote.</summary>
public interface IRunResult
{
    RunOutcome Outcome { get; }

    /// <summary>One line shown next to the target in the end-of-run summary.</summary>
    string Headline { get; }

    /// <summary>Full paths of the evidence files this run wrote (empty when it wrote none).</summary>
    IReadOnlyList<string> EvidenceFiles { get; }
}
