namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>What the stub does with one request.</summary>
public enum OpenAIStubAnswerKind
{
    /// <summary>A normal OpenAI answer (chat completion or model list) after the configured latency.</summary>
    Success,
    /// <summary>One of OpenAI's real error answers.</summary>
    Error,
    /// <summary>Holds the request for a while (past a client's attempt timeout), then answers normally.</summary>
    Stall,
    /// <summary>A 200 whose body is not OpenAI JSON (what a misconfigured proxy or captive portal sends).</summary>
    Garbage,
    /// <summary>Closes the connection without an answer.</summary>
    Drop,
}
