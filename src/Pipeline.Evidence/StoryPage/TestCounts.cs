namespace Pipeline.Evidence.StoryPage;

/// <summary>Test cases in a JUnit file: how many ran and how many failed or errored.</summary>
internal sealed record TestCounts(int Total, int Failed)
{
    public int Passed => Total - Failed;
    public override string ToString() => $"{Passed}/{Total} passed";
}
