namespace Pipeline.Perf.ReferenceApi;

/// <summary>
/// The reference API's settings. Secrets (token, OpenAI key, the database URL with its password) come
/// from environment variables, never from the command line where <c>ps</c> would show them.
/// </summary>
public sealed record ReferenceApiOptions(string DatabaseUrl, Uri OpenAIBaseUrl, string OpenAIKey, string Token)
{
    public const string DatabaseUrlVariable = "REFERENCE_API_DATABASE_URL";
    public const string OpenAIBaseUrlVariable = "REFERENCE_API_OPENAI_BASE_URL";
    public const string OpenAIKeyVariable = "REFERENCE_API_OPENAI_KEY";
    public const string TokenVariable = "REFERENCE_API_TOKEN";
    public const string ModelVariable = "REFERENCE_API_OPENAI_MODEL";
    public const string PortVariable = "REFERENCE_API_PORT";
    public const string ParentProcessVariable = "REFERENCE_API_PARENT_PID";
    public const string SyncJobWorkVariable = "REFERENCE_API_SYNC_JOB_WORK_MS";

    /// <summary>
    /// Server-side work of a sync job besides its insert: the story's sync-jobs endpoint ran a classification
    /// step. A few milliseconds of work would make client overhead (~1 ms) dominate the script-vs-dashboard delta.
    /// </summary>
    public static readonly TimeSpan DefaultSyncJobWork = TimeSpan.FromMilliseconds(60);

    /// <summary>Printed on stdout once the server listens, followed by its base URL.</summary>
    public const string ListeningPrefix = "REFERENCE_API_LISTENING ";

    public string Model { get; init; } = "gpt-4o-mini";
    public int Port { get; init; }
    public int? ParentProcessId { get; init; }
    public TimeSpan SyncJobWork { get; init; } = DefaultSyncJobWork;

    public static ReferenceApiOptions FromEnvironment()
    {
        string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. The reference API is started by './build.sh RunP95'; to run it by hand set {DatabaseUrlVariable}, {OpenAIBaseUrlVariable}, {OpenAIKeyVariable} and {TokenVariable}.");

        return new ReferenceApiOptions(Required(DatabaseUrlVariable), new Uri(Required(OpenAIBaseUrlVariable).TrimEnd('/') + "/"), Required(OpenAIKeyVariable), Required(TokenVariable))
        {
            Model = Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } model ? model : "gpt-4o-mini",
            Port = int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) ? port : 0,
            ParentProcessId = int.TryParse(Environment.GetEnvironmentVariable(ParentProcessVariable), out var parent) ? parent : null,
            SyncJobWork = int.TryParse(Environment.GetEnvironmentVariable(SyncJobWorkVariable), out var work) ? TimeSpan.FromMilliseconds(work) : DefaultSyncJobWork,
        };
    }
}
