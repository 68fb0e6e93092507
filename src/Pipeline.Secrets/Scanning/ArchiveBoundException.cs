namespace Pipeline.Secrets.Scanning;

/// <summary>An archive went past a bound (expanded size, nesting depth): what was read is kept, the rest is unscanned.</summary>
internal sealed class ArchiveBoundException(string message) : Exception(message);
