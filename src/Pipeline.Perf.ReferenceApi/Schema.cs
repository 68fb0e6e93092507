using Npgsql;

namespace Pipeline.Perf.ReferenceApi;

/// <summary>Creates the reference API's two tables (idempotent) and a few documents for the chat query to read.</summary>
internal static class Schema
{
    public static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken token)
    {
        await using var command = database.CreateCommand("""
            CREATE TABLE IF NOT EXISTS reference_documents (
                id serial PRIMARY KEY, workspace_id text NOT NULL, title text NOT NULL, body text NOT NULL);
            CREATE TABLE IF NOT EXISTS reference_sync_jobs (
                id bigserial PRIMARY KEY, source text NOT NULL, workspace_id text NOT NULL,
                status text NOT NULL DEFAULT 'queued', created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO reference_documents (workspace_id, title, body)
            SELECT 'ws-perf', 'Document ' || n, repeat('Lorem ipsum ', 20)
            FROM generate_series(1, 50) AS n
            WHERE NOT EXISTS (SELECT 1 FROM reference_documents);
            """);
        await command.ExecuteNonQueryAsync(token);
    }
}
