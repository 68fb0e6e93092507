namespace Pipeline.Evidence.Verification;

/// <summary>The outcome of verifying one archive: how many entries were checked and every problem found.</summary>
internal sealed record VerificationReport(string Archive, int EntriesChecked, int FilesListed, IReadOnlyList<VerificationProblem> Problems)
{
    public bool Passed => Problems.Count == 0;

    public override string ToString() => Passed
        ? $"{Path.GetFileName(Archive)}: all {FilesListed} files match the manifest and the statement"
        : $"{Path.GetFileName(Archive)}: {Problems.Count} problem(s): " + string.Join(" ", Problems.Select(p => p.ToString()));
}
