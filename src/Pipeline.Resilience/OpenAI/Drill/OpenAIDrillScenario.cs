using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>
/// One drill scenario as data: what the stub answers, how the client is tuned, what the drill does with it and what
/// it must observe. The drill adds the checks every stub scenario shares (stub and client agree on the attempts).
/// </summary>
/// <param name="Name">Kebab-case; also the stub scenario (<c>/scenarios/{name}/v1/</c>) and the JUnit test case.</param>
/// <param name="Expectation">One line for the reports: what must happen.</param>
/// <param name="Script">The stub's answers; null for live probes.</param>
/// <param name="Configure">Adjusts the drill's client options for this scenario.</param>
/// <param name="Exercise">The calls to make.</param>
/// <param name="Check">The scenario's own expectations.</param>
/// <param name="HealsAfter">For a windowed outage: how long after its first request the stub heals (for recovery time).</param>
internal sealed record OpenAIDrillScenario(
    string Name,
    string Expectation,
    OpenAIStubScript? Script,
    Func<OpenAIClientOptions, OpenAIClientOptions> Configure,
    Func<OpenAIResilientClient, CancellationToken, Task<IReadOnlyList<OpenAICallResult>>> Exercise,
    Func<OpenAIDrillObservation, IReadOnlyList<OpenAIDrillCheck>> Check,
    TimeSpan? HealsAfter = null);
