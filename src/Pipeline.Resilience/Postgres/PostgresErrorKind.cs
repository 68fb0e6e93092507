namespace Pipeline.Resilience.Postgres;

/// <summary>What a PostgreSQL failure means for the caller: retry it, or stop and tell someone.</summary>
public enum PostgresErrorKind
{
    /// <summary>The server or the network is briefly unavailable (refused, reset, restarting, timed out): retry.</summary>
    Transient,

    /// <summary>Wrong password or user, or pg_hba refuses the client: retrying cannot help.</summary>
    Authentication,

    /// <summary>The address is wrong: unknown host, missing database, TLS required but not offered.</summary>
    Configuration,

    /// <summary>The statement itself failed (syntax, constraint, permission): a bug, not an outage.</summary>
    Fatal,
}
