namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Lists the files under a folder the way git sees the work tree: .gitignore files honoured at every depth,
/// the .git folder left out, symlinked folders followed once (a link back into a visited folder is reported
/// as a loop, not followed).
/// </summary>
internal sealed class FileWalker(SecretScannerOptions options)
{
    public (List<string> Files, List<SkippedFile> Skipped) Walk(string root)
    {
        var files = new List<string>();
        var skipped = new List<SkippedFile>();
        var rootFull = Path.GetFullPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(rootFull) };
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
                catch (IOException exception) { skipped.Add(new(Combine(relative, ".gitignore"), $"unreadable: {exception.Message}")); }
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

                if (isDirectory && options.ExcludedFolders.TryGetValue(Path.GetFullPath(entry.FullName), out var reason))
                {
                    skipped.Add(new(entryRelative, reason));
                    continue;
                }
                if (isDirectory)
                {
                    if (entry.LinkTarget is not null)
                    {
                        var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                        if (target is null || !target.Exists) { skipped.Add(new(entryRelative, "broken symlink")); continue; }
                        if (!visited.Add(RealPath(target.FullName))) { skipped.Add(new(entryRelative, $"symlink loop or repeat (-> {target.FullName}), not followed")); continue; }
                    }
                    else if (!visited.Add(RealPath(entry.FullName))) continue;
                    subdirectories.Add((entry.FullName, entryRelative, ignores));
                }
                else if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
                    skipped.Add(new(entryRelative, "broken symlink"));
                else files.Add(entry.FullName);
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

    // The canonical path of a folder, so two links to one place count as one visit.
    private static string RealPath(string path)
    {
        var info = new DirectoryInfo(path);
        var resolved = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(true)?.FullName ?? info.FullName;
        var parent = Path.GetDirectoryName(resolved);
        return parent is null ? resolved : Path.Combine(RealPathOrSelf(parent), Path.GetFileName(resolved));
    }

    private static string RealPathOrSelf(string path)
    {
        try { return RealPath(path); } catch (IOException) { return path; }
    }
}
