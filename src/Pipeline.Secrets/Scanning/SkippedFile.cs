namespace Pipeline.Secrets.Scanning;

/// <summary>A file or folder the scanner did not read, and why (binary, too large, unreadable, symlink loop).</summary>
public sealed record SkippedFile(string Path, string Reason);
