namespace Pipeline.Core.Testing;

/// <summary>Counts of one test run, read from its TRX files.</summary>
public sealed record TestRunSummary(int Total, int Passed, int Failed, int Skipped, string ResultsDirectory)
{
    public override string ToString() => $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : string.Empty);
}
