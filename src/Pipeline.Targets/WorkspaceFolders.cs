namespace Pipeline.Targets;

/// <summary>
/// The folders every run writes into (reports/, reports/logs/, .nuke/temp/) are checked before the first target:
/// a file in their place or a folder that cannot be written is one clear line, not an exception halfway through a run.
/// </summary>
internal static class WorkspaceFolders
{
    /// <summary>The problem with the first folder that cannot be created or written, or null when all are fine.</summary>
    public static string? FirstUnwritable(string root, params string[] folders)
    {
        foreach (var folder in folders)
        {
            var name = Path.GetRelativePath(root, folder).Replace('\\', '/') + "/";
            var link = new FileInfo(folder).LinkTarget;
            if (File.Exists(folder) && link is null)
                return $"{name} is a file, not a folder: move or delete it; the build writes its logs and evidence there.";
            if (link is not null && !Directory.Exists(folder))
                return $"{name} is a link to {link}, which is not a folder: fix or remove the link; the build writes its logs and evidence there.";
            try
            {
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}.tmp");
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return $"{name} cannot be written ({exception.Message.TrimEnd('.')}): make it a folder this user can write to, or run from a checkout where it is.";
            }
        }
        return null;
    }
}
