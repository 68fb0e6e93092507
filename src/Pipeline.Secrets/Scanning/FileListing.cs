namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The files a scan reads under <see cref="Root"/> (absolute paths), what was left out while listing them
/// (paths relative to the root), and how the list was made (git's tracked set, or a folder walk and why).
/// </summary>
internal sealed record FileListing(string Root, IReadOnlyList<string> Files, IReadOnlyList<SkippedFile> Skipped, string Source);
