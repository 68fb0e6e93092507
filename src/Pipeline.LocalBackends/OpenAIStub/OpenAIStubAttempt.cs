namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>One request as the stub saw it, recorded when it arrived (the answer is decided on arrival).</summary>
/// <param name="Sequence">1-based order of arrival across all scenarios.</param>
/// <param name="Status">The status the stub answers with (0 when it drops the connection).</param>
/// <param name="Answer">What the stub does, e.g. <c>429 rate_limit_exceeded</c> or <c>stall 1500 ms then 200</c>.</param>
/// <param name="KeyAccepted">False when the bearer key was missing or wrong (the stub then answers 401).</param>
public sealed record OpenAIStubAttempt(
    int Sequence,
    string Scenario,
    string Method,
    string Path,
    DateTimeOffset ReceivedAt,
    int Status,
    OpenAIStubAnswerKind Kind,
    string Answer,
    string RequestId,
    bool KeyAccepted);
