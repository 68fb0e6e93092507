namespace Pipeline.Perf.Load;

/// <summary>
/// What the reference API process needs: a PostgreSQL connection string, an OpenAI-compatible base URL
/// (ending in /v1) and key, and the bearer token it accepts. Any PostgreSQL and any OpenAI-compatible
/// endpoint will do; RunP95 passes the embedded cluster and the OpenAI stub.
/// </summary>
internal sealed record ReferenceApiLaunch(string DatabaseUrl, Uri OpenAIBaseUrl, string OpenAIKey, string Token)
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The reference API's dll, copied next to Pipeline.Perf by the project reference.</summary>
    public string AssemblyPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "Pipeline.Perf.ReferenceApi.dll");

    /// <summary>How long to wait for the process to listen and for /healthz to answer 200.</summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;
}
