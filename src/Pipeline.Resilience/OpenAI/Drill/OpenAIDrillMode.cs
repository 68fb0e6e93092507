namespace Pipeline.Resilience.OpenAI.Drill;

public enum OpenAIDrillMode
{
    /// <summary>Scripted failures against the local OpenAI stub (the default).</summary>
    Stub,
    /// <summary>Safe probes against a real endpoint (<c>--openai-base-url</c>): a handful of GET /v1/models, never a loop.</summary>
    Live,
}
