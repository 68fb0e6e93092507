namespace Pipeline.Core.Workspace;

/// <summary>Removes generated output. Evidence (reports/, docs/screenshots/) goes only when asked for explicitly.</summary>
public static class WorkspaceCleaner
{
    /// <returns>How many folders were removed.</returns>
    public static int Clean(string root, bool includeEvidence, string? runningAssemblyDirectory = null)
    {
        var folders = new List<string> { Path.Combine(root, ".nuke", "temp") };
        foreach (var area in new[] { "src", "tests" })
        {
            var areaPath = Path.Combine(root, area);
            if (!Directory.Exists(areaPath)) continue;
            foreach (var project in Directory.EnumerateDirectories(areaPath))
                folders.AddRange([Path.Combine(project, "bin"), Path.Combine(project, "obj")]);
        }
        if (includeEvidence)
        {
            foreach (var entry in Directory.Exists(Path.Combine(root, "reports")) ? Directory.EnumerateFileSystemEntries(Path.Combine(root, "reports")) : [])
                if (Path.GetFileName(entry) is not (".gitkeep" or "README.md")) folders.Add(entry);
            folders.Add(Path.Combine(root, "docs", "screenshots"));
        }

        var removed = 0;
        foreach (var folder in folders)
        {
            // The build's own output (build/bin) is never removed while it runs.
            if (runningAssemblyDirectory is not null && Path.GetFullPath(runningAssemblyDirectory).StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal)) continue;
            if (File.Exists(folder)) { File.Delete(folder); removed++; }
            else if (Directory.Exists(folder)) { Directory.Delete(folder, recursive: true); removed++; }
        }
        return removed;
    }
}
