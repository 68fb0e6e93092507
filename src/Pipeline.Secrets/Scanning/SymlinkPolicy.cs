namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Where a listed symbolic link may lead the scan: a link to a file inside the scan root is read; a link to a
/// folder is never descended (its target is listed on its own when it is inside the root); a link out of the root
/// is not followed; a broken link or a loop (a -> b -> a) cannot be read, which is a gap in the scan.
/// </summary>
internal static class SymlinkPolicy
{
    /// <summary>null when the path is not a link or is a link the scan reads, else why it is skipped.</summary>
    public static SkippedFile? Check(string path, string relative, string realRoot)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not { } linkTarget) return null;
        FileSystemInfo? target;
        try { target = info.ResolveLinkTarget(returnFinalTarget: true); }
        catch (IOException exception) { return new(relative, $"symlink loop (-> {linkTarget}): {exception.Message}"); }
        if (target is null || !target.Exists && !Directory.Exists(target.FullName)) return new(relative, $"broken symlink (-> {linkTarget})");
        var real = RealPath(target.FullName);
        if (!IsUnder(real, realRoot)) return new(relative, $"symlink out of the scan root (-> {linkTarget}), not followed", SkipKind.Excluded);
        if (Directory.Exists(real)) return new(relative, $"symlink to a folder inside the scan root (-> {linkTarget}), scanned there", SkipKind.Excluded);
        return null;
    }

    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>The path with every link in it resolved, so two ways to one place compare equal.</summary>
    public static string RealPath(string path)
    {
        path = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(path);
        if (parent is null) return path;
        var resolved = Path.Combine(RealPath(parent), Path.GetFileName(path));
        try
        {
            FileSystemInfo info = Directory.Exists(resolved) ? new DirectoryInfo(resolved) : new FileInfo(resolved);
            return info.LinkTarget is null ? resolved : info.ResolveLinkTarget(true) is { } target ? RealPath(target.FullName) : resolved;
        }
        catch (IOException)
        {
            return resolved;
        }
    }
}
