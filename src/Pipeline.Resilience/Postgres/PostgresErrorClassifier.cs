using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// One place that decides which PostgreSQL failures are retried; the drill's retry policy and the
/// connectivity test both use it, and the runbook quotes it.
/// </summary>
internal static class PostgresErrorClassifier
{
    /// <summary>Server states that end sessions during a restart or failover; Npgsql does not flag all of them transient.</summary>
    public static readonly IReadOnlySet<string> RestartSqlStates = new HashSet<string>
    {
        PostgresErrorCodes.AdminShutdown,       // 57P01 pg_ctl stop -m fast, Supabase maintenance
        PostgresErrorCodes.CrashShutdown,       // 57P02
        PostgresErrorCodes.CannotConnectNow,    // 57P03 starting up / shutting down
        PostgresErrorCodes.TooManyConnections,  // 53300 pooler or server full
    };

    public static readonly IReadOnlySet<string> AuthenticationSqlStates = new HashSet<string>
    {
        PostgresErrorCodes.InvalidPassword,                  // 28P01
        PostgresErrorCodes.InvalidAuthorizationSpecification, // 28000 pg_hba rejects, unknown role
    };

    public static PostgresErrorKind Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } when AuthenticationSqlStates.Contains(state) => PostgresErrorKind.Authentication,
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => PostgresErrorKind.Configuration, // 3D000 no such database
        PostgresException postgres when postgres.IsTransient || RestartSqlStates.Contains(postgres.SqlState) => PostgresErrorKind.Transient,
        PostgresException => PostgresErrorKind.Fatal,
        NpgsqlException { InnerException: AuthenticationException } => PostgresErrorKind.Configuration,
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } } => PostgresErrorKind.Configuration,
        NpgsqlException npgsql when npgsql.IsTransient => PostgresErrorKind.Transient,
        NpgsqlException { InnerException: { } inner } => Classify(inner),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => PostgresErrorKind.Configuration,
        SocketException or IOException or TimeoutException => PostgresErrorKind.Transient,
        _ => PostgresErrorKind.Fatal,
    };

    public static bool IsTransient(Exception exception) => Classify(exception) == PostgresErrorKind.Transient;

    /// <summary>
    /// True when the failure broke the connection itself (not just the statement): the pool may hold more
    /// broken connections to the same server, so it should be cleared.
    /// </summary>
    public static bool IsConnectionLoss(Exception exception) => exception switch
    {
        PostgresException postgres => RestartSqlStates.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception is IOException or SocketException,
    };
}
