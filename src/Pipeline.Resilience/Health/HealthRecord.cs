using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Health;

/// <summary>One health check in the history (one JSON line of <c>reports/health/history.jsonl</c>). Never holds a secret.</summary>
public sealed record HealthRecord
{
    public required DateTimeOffset Timestamp { get; init; }
    public required string Endpoint { get; init; }
    public required bool Healthy { get; init; }
    public string? FailureStep { get; init; }
    public string? FailureKind { get; init; }
    public string? FailureMessage { get; init; }
    public string? SqlState { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? TcpConnectMs { get; init; }
    public double? LoginMs { get; init; }
    public string? ServerVersion { get; init; }
    public string? Pooler { get; init; }
    public bool? Tls { get; init; }
    public IReadOnlyDictionary<string, string>? Extensions { get; init; }
    public double DurationMs { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string Status => Healthy ? "healthy" : "unhealthy";

    public static HealthRecord From(ConnectivityResult result, string endpoint, DateTimeOffset timestamp) => new()
    {
        Timestamp = timestamp,
        Endpoint = endpoint,
        Healthy = result.Healthy,
        FailureStep = result.Failure?.Step,
        FailureKind = result.Failure?.Kind.ToString(),
        FailureMessage = result.Failure?.Message,
        SqlState = result.Failure?.SqlState,
        P50Ms = Round(result.Latency?.P50),
        P95Ms = Round(result.Latency?.P95),
        TcpConnectMs = Round(result.TcpConnectTime),
        LoginMs = Round(result.LoginTime),
        ServerVersion = result.ServerVersion,
        Pooler = result.Pooler.ToString(),
        Tls = result.TlsUsed,
        Extensions = result.Extensions.Count == 0 ? null : result.Extensions.ToDictionary(e => e.Name, e => e.State),
        DurationMs = Round(result.Duration) ?? 0,
    };

    private static double? Round(TimeSpan? span) => span is { } s ? Math.Round(s.TotalMilliseconds, 3) : null;
}
