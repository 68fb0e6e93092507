namespace Pipeline.Secrets.Scanning;

/// <summary>
/// A file, folder or archive entry the scanner did not read, and why. Only <see cref="SkipKind.Unscanned"/>
/// entries are gaps in the scan (they fail the gate unless <see cref="Accepted"/>); known binary formats and
/// excluded paths are listed for the record.
/// </summary>
public sealed record SkippedFile(string Path, string Reason, SkipKind Kind = SkipKind.Unscanned, long Bytes = 0)
{
    /// <summary>The user accepted this gap explicitly (<c>--allow-unscanned GLOB</c>).</summary>
    public bool Accepted { get; init; }

    /// <summary>The reason without its details ("broken symlink", "symlink loop"...), for the log's summary.</summary>
    public string Category => Reason.Split([" (", ": "], 2, StringSplitOptions.None)[0];
}
