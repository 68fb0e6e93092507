namespace Pipeline.Resilience.Postgres;

/// <summary>What the connectivity test checks and how long it waits; the defaults are the ones the runbook quotes.</summary>
internal sealed record ConnectivityTestSettings(string ConnectionString)
{
    public const int DefaultSamples = 20;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultQueryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Extensions a Supabase project relies on; reported as installed, available or missing.</summary>
    public static readonly IReadOnlyList<string> DefaultExtensions = ["pgcrypto", "uuid-ossp", "pg_stat_statements", "vector", "pg_graphql"];

    /// <summary>How many <c>select 1</c> round trips make the latency figures.</summary>
    public int Samples { get; init; } = DefaultSamples;

    /// <summary>Deadline for DNS, the TCP connect and the login each; a server that does not answer fails within it.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    public TimeSpan QueryTimeout { get; init; } = DefaultQueryTimeout;

    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>A label for the report: "embedded PostgreSQL" or "--database-url".</summary>
    public string Source { get; init; } = "--database-url";

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
