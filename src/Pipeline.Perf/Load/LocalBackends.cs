namespace Pipeline.Perf.Load;

/// <summary>
/// The reference API's dependencies for a local run: a PostgreSQL connection string and an OpenAI-compatible
/// endpoint. Disposing stops whatever was started for them.
/// </summary>
public sealed class LocalBackends(string databaseUrl, Uri openAIBaseUrl, string openAIKey, Func<ValueTask>? stop = null) : IAsyncDisposable
{
    public string DatabaseUrl { get; } = databaseUrl;
    public Uri OpenAIBaseUrl { get; } = openAIBaseUrl;
    public string OpenAIKey { get; } = openAIKey;

    public ValueTask DisposeAsync() => stop?.Invoke() ?? ValueTask.CompletedTask;
}
