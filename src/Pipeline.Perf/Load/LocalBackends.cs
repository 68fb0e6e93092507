using Pipeline.Resilience.OpenAI.Stub;
using Pipeline.Resilience.Postgres;
using Serilog;

namespace Pipeline.Perf.Load;

/// <summary>
/// The reference API's dependencies for a local run: a PostgreSQL connection string and an OpenAI-compatible
/// endpoint. Disposing stops whatever was started for them.
/// </summary>
public sealed class LocalBackends(string databaseUrl, Uri openAIBaseUrl, string openAIKey, Func<ValueTask>? stop = null) : IAsyncDisposable
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
    public static Func<ILogger, CancellationToken, Task<LocalBackends>> Embedded(string temporaryDirectory,
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
            return new LocalBackends(postgres.ConnectionString, stub.BaseUrl, stub.ApiKey ?? OpenAIStubOptions.DefaultApiKey, async () =>
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
