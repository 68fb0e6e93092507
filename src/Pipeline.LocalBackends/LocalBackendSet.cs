using Pipeline.LocalBackends.OpenAIStub;
using Pipeline.LocalBackends.Postgres;
using Serilog;

namespace Pipeline.LocalBackends;

/// <summary>
/// A PostgreSQL connection string and an OpenAI-compatible endpoint (what the reference API of RunP95 needs). Disposing stops whatever was started for them.
/// </summary>
public sealed class LocalBackendSet(string databaseUrl, Uri openAIBaseUrl, string openAIKey, Func<ValueTask>? stop = null) : IAsyncDisposable
{
    /// <summary>What a model call costs in the local default (the stub answers after this, ± the jitter).</summary>
    public static readonly TimeSpan DefaultOpenAILatency = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan DefaultOpenAILatencyJitter = TimeSpan.FromMilliseconds(150);

    public string DatabaseUrl { get; } = databaseUrl;
    public Uri OpenAIBaseUrl { get; } = openAIBaseUrl;
    public string OpenAIKey { get; } = openAIKey;

    public ValueTask DisposeAsync() => stop?.Invoke() ?? ValueTask.CompletedTask;

    /// <summary>
    /// RunP95's local default: a throwaway PostgreSQL 15 cluster under <paramref name="temporaryDirectory"/>
    /// and the OpenAI stub with a realistic completion latency, both on loopback.
    /// </summary>
    public static Func<ILogger, CancellationToken, Task<LocalBackendSet>> Embedded(string temporaryDirectory,
        TimeSpan? openAILatency = null, TimeSpan? openAILatencyJitter = null) => async (log, cancellationToken) =>
    {
        var postgres = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(temporaryDirectory), log, cancellationToken);
        try
        {
            var stub = await OpenAIStubServer.StartAsync(new OpenAIStubOptions
            {
                Latency = openAILatency ?? DefaultOpenAILatency,
                LatencyJitter = openAILatencyJitter ?? DefaultOpenAILatencyJitter,
            }, cancellationToken);
            log.Information("OpenAI stub on {BaseUrl:l} (completion latency {Latency} ms)", stub.BaseUrl.ToString(), (openAILatency ?? DefaultOpenAILatency).TotalMilliseconds);
            return new LocalBackendSet(postgres.ConnectionString, stub.BaseUrl, stub.ApiKey ?? OpenAIStubOptions.DefaultApiKey, async () =>
            {
                await stub.DisposeAsync();
                await postgres.DisposeAsync();
            });
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    };
}
