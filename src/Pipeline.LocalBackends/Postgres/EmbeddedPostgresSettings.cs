namespace Pipeline.LocalBackends.Postgres;

/// <summary>
/// How to create a throwaway PostgreSQL cluster. <see cref="ParentDirectory"/> receives one folder per
/// cluster (<c>pg-XXXXXXXX</c>); the build passes <c>.nuke/temp</c>, tests a temp folder.
/// </summary>
public sealed record EmbeddedPostgresSettings(string ParentDirectory)
{
    /// <summary>Where Debian/Ubuntu's postgresql-15 package puts the server binaries.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Folder with initdb, pg_ctl and postgres; null means <see cref="DefaultBinDirectory"/>, then PATH.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Loopback port to listen on; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>The superuser the connection string logs in as (its password is generated per cluster).</summary>
    public string UserName { get; init; } = "postgres";

    /// <summary>The OS account that owns and runs the cluster when the build runs as root (PostgreSQL refuses root).</summary>
    public string OsUser { get; init; } = "postgres";

    /// <summary>Serve TLS with a generated self-signed certificate (to test sslmode=require paths).</summary>
    public bool Tls { get; init; }

    /// <summary>Deadline for the server to accept connections after a start.</summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;

    /// <summary>Deadline for a fast shutdown before the postmaster is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = DefaultStopTimeout;

    /// <summary>
    /// Told as each step of a create or start begins, on the thread that runs it and before the step's work
    /// (so a caller can show progress, or cancel at a known step).
    /// </summary>
    public IProgress<EmbeddedPostgresStep>? Progress { get; init; }

    /// <summary>
    /// Extra <c>postgresql.conf</c> settings. The defaults trade durability for speed, which is right for a
    /// cluster that is deleted at the end of the run.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
        ["shared_buffers"] = "32MB",
        ["max_connections"] = "100",
    };
}
