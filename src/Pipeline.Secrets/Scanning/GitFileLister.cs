using Pipeline.Core.Tools;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Lists the files of a repository as git sees them: every tracked file (.gitignore only hides untracked ones,
/// so a file added with <c>git add -f</c> is scanned) plus the untracked files that are not ignored. Used when
/// the scan root is the top of a git work tree; otherwise, or without git, the folder walk is the fallback and
/// the listing says why.
/// </summary>
internal static class GitFileLister
{
    public const string GitSource = "git ls-files (tracked files, and untracked files that are not ignored)";

    public static async Task<FileListing> ListAsync(string root, SecretScannerOptions options, ToolRunner runner, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        var git = ToolLocator.Find("git");
        if (git is null) return Fallback(root, options, "git not found on PATH");
        var command = new ToolCommand(git, []) { WorkingDirectory = root, Timeout = TimeSpan.FromMinutes(2) };
        string topLevel;
        try { topLevel = (await runner.RunAsync(command with { Arguments = ["rev-parse", "--show-toplevel"] }, cancellationToken)).StandardOutput.Trim(); }
        catch (ToolFailedException failure)
        {
            return Fallback(root, options, $"not a git work tree: {failure.Result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "git rev-parse failed"}");
        }
        catch (ToolException exception) { return Fallback(root, options, $"git could not run: {exception.Message}"); }
        var realRoot = SymlinkPolicy.RealPath(root);
        if (SymlinkPolicy.RealPath(topLevel) != realRoot) return Fallback(root, options, $"the scan root is inside the git work tree {topLevel}, not its top");

        var output = (await runner.RunAsync(command with
        {
            Arguments = ["-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        }, cancellationToken)).StandardOutput;

        var files = new List<string>();
        var skipped = new List<SkippedFile>();
        var excludedSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relative in output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimEnd('\n')).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var full = Path.GetFullPath(Path.Combine(root, relative));
            if (options.ExcludedFolders.FirstOrDefault(e => SymlinkPolicy.IsUnder(full, e.Key)) is { Key: not null } excluded)
            {
                if (excludedSeen.Add(excluded.Key))
                    skipped.Add(new(Path.GetRelativePath(root, excluded.Key).Replace('\\', '/'), excluded.Value, SkipKind.Excluded));
                continue;
            }
            var info = new FileInfo(full);
            if (info.LinkTarget is not null)
            {
                if (SymlinkPolicy.Check(full, relative, realRoot) is { } problem) skipped.Add(problem);
                else files.Add(full);
            }
            else if (Directory.Exists(full)) skipped.Add(new(relative, "git submodule (scan it on its own)", SkipKind.Excluded));
            else if (!info.Exists) skipped.Add(new(relative, "tracked but deleted from the work tree", SkipKind.Excluded));
            else files.Add(full);
        }
        return new FileListing(root, files, skipped, GitSource);
    }

    private static FileListing Fallback(string root, SecretScannerOptions options, string why) =>
        new FileWalker(options).List(root, $"folder walk with .gitignore honoured ({why})");
}
