namespace Pipeline.Core.Evidence;

/// <summary>What an evidence file is to the story: one of its listed deliverables, an addition Pipeline archives, or an output of the archive itself.</summary>
public enum EvidenceRole { StoryDeliverable, Extra, ArchiveOutput }

/// <summary>
/// One evidence file: its id, its path template relative to the repository root (with the
/// <see cref="EvidenceStore.DateToken"/> where <c>YYYYMMDD</c> goes, or none for a document updated in
/// place), the target it is attributed to, the acceptance criteria it serves and what it holds.
/// </summary>
public sealed record EvidenceName(string Id, string Template, string ProducedBy, IReadOnlyList<string> Criteria, string Description, EvidenceRole Role)
{
    /// <summary>
    /// The glob that finds every file of this name: the date token and the rest of the file name's stem become
    /// <c>*</c> (they also cover the <c>-HHMMSS</c> a second run of the day appends), e.g.
    /// <c>reports/p95-server-metrics-{date}-before.prom</c> → <c>reports/p95-server-metrics-*.prom</c>.
    /// </summary>
    public string Glob
    {
        get
        {
            var at = Template.IndexOf(EvidenceStore.DateToken, StringComparison.Ordinal);
            if (at < 0) return Template;
            var rest = Template[(at + EvidenceStore.DateToken.Length)..];
            var extension = rest.IndexOf('.', StringComparison.Ordinal);
            return Template[..at] + "*" + (extension < 0 ? "" : rest[extension..]);
        }
    }

    /// <summary>The file name this evidence has for a stamp (a date, or a date and time), e.g. <c>p95_k6_20251014.json</c>.</summary>
    public string FileNameFor(string stamp) => Path.GetFileName(Template.Replace(EvidenceStore.DateToken, stamp, StringComparison.Ordinal));

    /// <summary>The file name before the date token, e.g. <c>p95_k6_</c>.</summary>
    public string FileNamePrefix => FileNameFor("\0").Split('\0')[0];

    /// <summary>The file name after the date token, e.g. <c>.summary.json</c>.</summary>
    public string FileNameSuffix => FileNameFor("\0").Split('\0')[^1];

    /// <summary>The stamp a file name of this evidence carries where the date token was (<c>20251014-101500</c>), or null when the name is not of this evidence.</summary>
    public string? StampOf(string fileName) =>
        fileName.Length > FileNamePrefix.Length + FileNameSuffix.Length
        && fileName.StartsWith(FileNamePrefix, StringComparison.Ordinal) && fileName.EndsWith(FileNameSuffix, StringComparison.Ordinal)
            ? fileName[FileNamePrefix.Length..^FileNameSuffix.Length]
            : null;

    public override string ToString() => Template;
}
