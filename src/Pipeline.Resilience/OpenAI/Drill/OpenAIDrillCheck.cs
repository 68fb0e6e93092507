namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>One expectation of a drill scenario, checked by the drill itself, with what was actually observed.</summary>
public sealed record OpenAIDrillCheck(string Expectation, bool Passed, string Observed)
{
    public static OpenAIDrillCheck That(string expectation, bool passed, string observed) => new(expectation, passed, observed);
}
