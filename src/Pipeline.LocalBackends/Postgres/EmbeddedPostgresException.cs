namespace Pipeline.LocalBackends.Postgres;

/// <summary>The embedded cluster could not be created, started or stopped; the message says why and what to do.</summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
