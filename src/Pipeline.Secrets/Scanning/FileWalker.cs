namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Lists the files under a folder the way git would see an untracked tree: .gitignore files honoured at every
/// depth, the .git folder left out, symbolic links handled by <see cref="SymlinkPolicy"/> (never followed out of
/// the root or into a loop). The fallback when the folder is not the top of a git work tree.
/// </summary>
internal sealed class FileWalker(SecretScannerOptions options)
{
    public FileListing List(string root, string source = "folder walk (.gitignore honoured)")
    {
        var (files, skipped) = Walk(root);
        return new FileListing(Path.GetFullPath(root), files, skipped, source);
    }

    public (List<string> Files, List<SkippedFile> Skipped) Walk(string root)
    {
        var files = new List<string>();
        var skipped = new List<SkippedFile>();
        var rootFull = Path.GetFullPath(root);
        var realRoot = SymlinkPolicy.RealPath(rootFull);
        var pending = new Stack<(string Directory, string Relative, IReadOnlyList<GitIgnoreRules> Ignores)>();
        pending.Push((rootFull, "", []));

        while (pending.Count > 0)
        {
            var (directory, relative, inherited) = pending.Pop();
            var ignores = inherited;
            var gitignore = Path.Combine(directory, ".gitignore");
            if (options.HonourGitIgnore && File.Exists(gitignore))
            {
                try { ignores = [.. inherited, GitIgnoreRules.Load(gitignore, relative)]; }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    skipped.Add(new(Combine(relative, ".gitignore"), $"unreadable: {exception.Message}"));
                }
            }

            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new(relative.Length == 0 ? "." : relative, $"folder unreadable: {exception.Message}"));
                continue;
            }

            var subdirectories = new List<(string, string, IReadOnlyList<GitIgnoreRules>)>();
            foreach (var entry in entries)
            {
                var entryRelative = Combine(relative, entry.Name);
                var isDirectory = entry is DirectoryInfo;
                if (isDirectory && entry.Name == ".git") continue;
                if (IsIgnored(ignores, entryRelative, isDirectory)) continue;

                if (entry.LinkTarget is not null)
                {
                    if (SymlinkPolicy.Check(entry.FullName, entryRelative, realRoot) is { } problem) skipped.Add(problem);
                    else files.Add(entry.FullName);
                }
                else if (!isDirectory) files.Add(entry.FullName);
                else if (options.ExcludedFolders.TryGetValue(Path.GetFullPath(entry.FullName), out var reason))
                    skipped.Add(new(entryRelative, reason, SkipKind.Excluded));
                else subdirectories.Add((entry.FullName, entryRelative, ignores));
            }
            // Reverse so that the stack pops folders in name order.
            for (var i = subdirectories.Count - 1; i >= 0; i--) pending.Push(subdirectories[i]);
        }
        return (files, skipped);
    }

    private static bool IsIgnored(IReadOnlyList<GitIgnoreRules> ignores, string relative, bool isDirectory)
    {
        var ignored = false;
        foreach (var rules in ignores)
            if (rules.Decide(relative, isDirectory) is { } decision) ignored = decision;
        return ignored;
    }

    private static string Combine(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;
}
