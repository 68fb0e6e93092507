using Pipeline.Core.Files;
using System.Globalization;

namespace Pipeline.Core.Processes;

/// <summary>
/// The temp files an evidence write leaves when its process is killed before the rename
/// (<c>reports/**/.NAME.GUID.tmp</c>, see <see cref="Evidence.AtomicFile"/>). One is unfinished for good
/// when no other process holds it open: its writer is gone (or it is this process, which is ending).
/// </summary>
public static class UnfinishedTempFiles
{
    /// <summary>Where a file older than this is taken as abandoned where open files cannot be listed (no /proc).</summary>
    private static readonly TimeSpan StaleAge = TimeSpan.FromHours(1);

    /// <summary>Deletes the unfinished temp files under <paramref name="reportsDirectory"/>; returns how many.</summary>
    public static int Delete(string reportsDirectory)
    {
        if (!Directory.Exists(reportsDirectory)) return 0;
        // /proc/PID/fd names real paths: enumerate under the real folder so that a root reached through a
        // symbolic link (/tmp -> /private/tmp, a linked checkout) still recognises the files others hold open.
        reportsDirectory = RealPath(reportsDirectory);
        var candidates = Directory.EnumerateFiles(reportsDirectory, ".*.tmp", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
        }).ToList();
        if (candidates.Count == 0) return 0;
        var held = HeldByOtherProcesses();
        var deleted = 0;
        foreach (var file in candidates)
        {
            if (held is not null ? held.Contains(file) : DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < StaleAge) continue;
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // In use after all (Windows refuses to delete an open file), or not ours.
            }
        }
        return deleted;
    }

    /// <summary>The path with every symbolic link along it resolved, as realpath(3) gives it.</summary>
    private static string RealPath(string path, int depth = 0)
    {
        var full = System.IO.Path.GetFullPath(path);
        var resolved = System.IO.Path.GetPathRoot(full)!;
        foreach (var part in full[resolved.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = System.IO.Path.Combine(resolved, part);
            // A link cycle ends the walk (the OS gives up after 40 links as well); the path is then used as it is.
            if (depth >= 40 || new FileInfo(resolved).LinkTarget is null) continue;
            try
            {
                if (File.ResolveLinkTarget(resolved, returnFinalTarget: true) is { } target) resolved = RealPath(target.FullName, depth + 1);
            }
            catch (IOException) { }
        }
        return resolved;
    }

    /// <summary>The files other processes hold open, from /proc/PID/fd; null where that cannot be known.</summary>
    private static HashSet<string>? HeldByOtherProcesses()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return null;
        var held = new HashSet<string>(StringComparer.Ordinal);
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var id = System.IO.Path.GetFileName(process);
            if (id == self || !id.All(char.IsAsciiDigit)) continue;
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(System.IO.Path.Combine(process, "fd")))
                    if (new FileInfo(descriptor).LinkTarget is { } target) held.Add(target);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked, or another user's (which cannot write our reports anyway).
            }
        }
        return held;
    }
}
