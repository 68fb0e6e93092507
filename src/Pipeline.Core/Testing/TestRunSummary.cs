using Pipeline.Core.Runs;

namespace Pipeline.Core.Testing;

/// <summary>Counts of one test run, read from its TRX files.</summary>
public sealed record TestRunSummary(int Total, int Passed, int Failed, int Skipped, string ResultsDirectory) : IRunResult
{
    public string Headline => ToString();

    /// <summary>A run with no test is a failure: it checked nothing.</summary>
    public RunOutcome Outcome => Failed > 0 || Total == 0 ? RunOutcome.Failed($"{this}. Results: {ResultsDirectory}") : RunOutcome.Passed;

    public IReadOnlyList<string> EvidenceFiles => Directory.Exists(ResultsDirectory)
        ? [.. Directory.EnumerateFiles(ResultsDirectory, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".trx") || f.EndsWith(".junit.xml")).Order()]
        : [];

    public override string ToString() => $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : string.Empty);
}
