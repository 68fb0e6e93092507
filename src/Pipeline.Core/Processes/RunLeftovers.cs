using Serilog;

namespace Pipeline.Core.Processes;

/// <summary>
/// Removes what earlier runs in a root left behind when they were killed before they could clean up: the
/// processes and folders in their <see cref="ProcessLedger"/> files (when their owner no longer runs) and
/// unfinished evidence temp files. Says so in one log line when it found something.
/// </summary>
public static class RunLeftovers
{
    public static RemovedLeftovers Sweep(string rootDirectory, ILogger log)
    {
        var processes = new List<ProcessStamp>();
        var folders = 0;
        foreach (var ledger in LedgerFiles(rootDirectory))
        {
            string[] lines;
            try { lines = File.ReadAllLines(ledger); }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { continue; }
            var owner = lines.Length > 0 && lines[0].StartsWith(ProcessLedger.RunPrefix, StringComparison.Ordinal)
                ? ProcessStamp.Parse(lines[0][ProcessLedger.RunPrefix.Length..])
                : null;
            if (owner is { IsRunning: true }) continue; // a run in progress (another terminal, say)
            var removed = Remove(
                lines.Where(l => l.StartsWith(ProcessLedger.ProcessPrefix, StringComparison.Ordinal))
                    .Select(l => ProcessStamp.Parse(l[ProcessLedger.ProcessPrefix.Length..])).OfType<ProcessStamp>(),
                lines.Where(l => l.StartsWith(ProcessLedger.FolderPrefix, StringComparison.Ordinal)).Select(l => l[ProcessLedger.FolderPrefix.Length..]),
                rootDirectory: null);
            processes.AddRange(removed.Processes);
            folders += removed.Folders;
            try { File.Delete(ledger); }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { }
        }
        var result = new RemovedLeftovers(processes, folders, UnfinishedTempFiles.Delete(Path.Combine(rootDirectory, "reports")));
        if (!result.IsEmpty)
            log.Information("Removed what an interrupted earlier run left behind: {Leftovers:l}", result.ToString());
        return result;
    }

    /// <summary>Kills the processes that still run, deletes the folders, then (with a root) the unfinished temp files under its reports/.</summary>
    internal static RemovedLeftovers Remove(IEnumerable<ProcessStamp> processes, IEnumerable<string> folders, string? rootDirectory)
    {
        // Processes first: a server must not be writing into a folder while it is deleted.
        var killed = processes.Where(p => p.KillTree()).ToList();
        // A folder that cannot be deleted now is left for the next sweep.
        var deleted = folders.Count(folder => Directory.Exists(folder) && FolderDeletion.TryDelete(folder, out _));
        var tempFiles = rootDirectory is null ? 0 : UnfinishedTempFiles.Delete(Path.Combine(rootDirectory, "reports"));
        return new RemovedLeftovers(killed, deleted, tempFiles);
    }

    private static IEnumerable<string> LedgerFiles(string rootDirectory)
    {
        var folder = ProcessLedger.LedgerDirectory(rootDirectory);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + ProcessLedger.Extension).ToList() : [];
    }
}
