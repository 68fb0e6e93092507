namespace Pipeline.LocalBackends.Postgres;

/// <summary>The steps of creating and starting an embedded cluster, reported through <see cref="EmbeddedPostgresSettings.Progress"/>.</summary>
public enum EmbeddedPostgresStep
{
    /// <summary>The cluster folder is handed to the OS user and <c>initdb</c> builds the data folder.</summary>
    InitializingCluster,

    /// <summary><c>pg_ctl start</c> launches the server.</summary>
    StartingServer,

    /// <summary>The server process runs; the readiness probe connects until it is answered.</summary>
    WaitingForConnections,
}
