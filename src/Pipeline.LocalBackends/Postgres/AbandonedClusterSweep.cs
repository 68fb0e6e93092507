using System.Globalization;
using Serilog;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>
/// Cluster folders (<c>pg-*</c>) record the process that created them in <c>owner.pid</c>; a folder whose
/// owner died without cleaning up (killed, power cut) is abandoned: its server is killed and the folder deleted.
/// The ids in those files may have been given to other processes since (a reboot): an owner started after its
/// <c>owner.pid</c> was written is not the owner, and only a PostgreSQL server older than its <c>postmaster.pid</c> is killed.
/// </summary>
internal static class AbandonedClusterSweep
{
    private const string OwnerFileName = "owner.pid";

    /// <summary>Marks a new cluster folder as this process's.</summary>
    public static void ClaimForThisProcess(string clusterDirectory) =>
        File.WriteAllText(Path.Combine(clusterDirectory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Deletes cluster folders left by processes that died without cleaning up (their owner is gone).</summary>
    public static void Sweep(string parent, ILogger log)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, "pg-*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFileName);
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || PostmasterProcess.IsAlive(owner, File.GetLastWriteTimeUtc(ownerFile))) continue;
            PostmasterProcess.Kill(Path.Combine(folder, "data"));
            try
            {
                Directory.Delete(folder, recursive: true);
                log.Information("Removed an abandoned embedded cluster {Folder}", folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                log.Warning("Could not remove the abandoned cluster {Folder}: {Message}", folder, exception.Message);
            }
        }
    }
}
