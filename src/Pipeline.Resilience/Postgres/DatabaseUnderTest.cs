using Pipeline.Core.Runs;
using Pipeline.LocalBackends.Postgres;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// The database a drill or health check talks to: the one named by <c>--database-url</c>, or, without it,
/// a throwaway embedded cluster that is removed on dispose.
/// </summary>
internal sealed class DatabaseUnderTest : IAsyncDisposable
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
    /// <param name="pgBin">Folder of the PostgreSQL server binaries, for the embedded cluster.</param>
    /// <param name="context">The run's redactor (the URL's password is registered first), log, and scratch folder (where an embedded cluster lives).</param>
    public static async Task<DatabaseUnderTest> OpenAsync(string? databaseUrl, string? pgBin, RunContext context)
    {
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            try
            {
                DatabaseUrl.Parse(databaseUrl, context.Redactor); // registers the password before anything logs
            }
            catch (FormatException)
            {
                // The connectivity test reports an unreadable URL as its first failed step, with the evidence file.
            }
            return new DatabaseUnderTest(databaseUrl, "--database-url", null);
        }
        context.Log.Information("No database URL given: starting an embedded PostgreSQL under {Folder}", context.TemporaryDirectory);
        var cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(context.TemporaryDirectory) { BinDirectory = pgBin }, context.Log, context.CancellationToken);
        return new DatabaseUnderTest(cluster.ConnectionString, $"embedded PostgreSQL {cluster.ServerVersion}", cluster);
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null) await Embedded.DisposeAsync();
    }
}
