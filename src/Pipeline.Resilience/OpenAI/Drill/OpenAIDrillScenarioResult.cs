namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>The outcome of one scenario: its checks, what was observed, and the alerts it raised.</summary>
public sealed record OpenAIDrillScenarioResult(
    string Name,
    string Expectation,
    IReadOnlyList<OpenAIDrillCheck> Checks,
    OpenAIDrillObservation Observation,
    IReadOnlyList<string> Alerts)
{
    public bool Passed => Checks.All(c => c.Passed);

    public TimeSpan Duration => Observation.FinishedAt - Observation.StartedAt;

    public IEnumerable<OpenAIDrillCheck> Failures => Checks.Where(c => !c.Passed);
}
