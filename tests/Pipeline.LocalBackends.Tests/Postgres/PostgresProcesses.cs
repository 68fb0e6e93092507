namespace Pipeline.LocalBackends.Tests.Postgres;

/// <summary>
/// Finds the live processes of one cluster: every PostgreSQL backend runs with the data directory as its
/// working directory, so /proc/PID/cwd identifies them (also after the folder has been deleted).
/// </summary>
internal static class PostgresProcesses
{
    public static IReadOnlyList<int> Under(string directory)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid)) continue;
            try
            {
                var cwd = new FileInfo(Path.Combine(entry, "cwd")).LinkTarget;
                var comm = File.ReadAllText(Path.Combine(entry, "comm")).Trim();
                if (cwd is not null && comm.StartsWith("postgres", StringComparison.Ordinal) && cwd.StartsWith(directory, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }
}
