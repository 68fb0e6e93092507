using Pipeline.Core.Redaction;
using Pipeline.LocalBackends.Postgres;
using Serilog;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// The database a drill or health check talks to: the one named by <c>--database-url</c>, or, without it,
/// a throwaway embedded cluster that is removed on dispose.
/// </summary>
public sealed class DatabaseUnderTest : IAsyncDisposable
{
    private DatabaseUnderTest(string connectionString, string source, EmbeddedPostgres? embedded)
    {
        ConnectionString = connectionString;
        Source = source;
        Embedded = embedded;
    }

    public string ConnectionString { get; }

    /// <summary>"--database-url" or "embedded PostgreSQL 15.x".</summary>
    public string Source { get; }

    /// <summary>The cluster the build owns (and may restart), or null for an external server.</summary>
    public EmbeddedPostgres? Embedded { get; }

    /// <param name="databaseUrl">A postgres:// URI or connection string; null or empty starts an embedded cluster.</param>
    /// <param name="temporaryDirectory">Where an embedded cluster lives (the build's .nuke/temp).</param>
    /// <param name="pgBin">Folder of the PostgreSQL server binaries, for the embedded cluster.</param>
    public static async Task<DatabaseUnderTest> OpenAsync(string? databaseUrl, string temporaryDirectory, string? pgBin, ILogger log,
        CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            try
            {
                DatabaseUrl.Parse(databaseUrl, SecretRedactor.Global); // registers the password before anything logs
            }
            catch (FormatException)
            {
                // The connectivity test reports an unreadable URL as its first failed step, with the evidence file.
            }
            return new DatabaseUnderTest(databaseUrl, "--database-url", null);
        }
        log.Information("No --database-url given: starting an embedded PostgreSQL under {Folder}", temporaryDirectory);
        var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(temporaryDirectory) { BinDirectory = pgBin }, log, cancellationToken);
        return new DatabaseUnderTest(cluster.ConnectionString, $"embedded PostgreSQL {cluster.ServerVersion}", cluster);
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null) await Embedded.DisposeAsync();
    }
}
