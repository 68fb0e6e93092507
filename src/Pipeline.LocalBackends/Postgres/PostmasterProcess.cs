using System.Diagnostics;
using System.Globalization;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>The server process of a cluster, as its <c>postmaster.pid</c> names it: is it alive, kill it.</summary>
internal static class PostmasterProcess
{
    /// <summary>The process id in <c>DATA/postmaster.pid</c>, or null when the server is not running (or the file cannot be read).</summary>
    public static int? IdOf(string dataDirectory)
    {
        try
        {
            var path = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(path)) return null;
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return int.TryParse(reader.ReadLine(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Kills the server of the data folder and every backend under it; a server that is gone is fine. A
    /// process that merely has the recorded id (after a reboot, say) is left alone: see <see cref="IsServerOf"/>.
    /// </summary>
    public static void Kill(string dataDirectory)
    {
        if (IdOf(dataDirectory) is not { } pid) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!IsServerOf(process, File.GetLastWriteTimeUtc(Path.Combine(dataDirectory, "postmaster.pid")))) return;
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Whether <paramref name="process"/> is the server that wrote a pid file last written at <paramref name="pidFileWrittenUtc"/>:
    /// a PostgreSQL process, started before the file was written (the server writes it once it runs). A recycled id
    /// names a process started later, or another program.
    /// </summary>
    internal static bool IsServerOf(Process process, DateTime pidFileWrittenUtc)
    {
        try
        {
            return process.ProcessName is "postgres" or "postmaster" && StartedBefore(process, pidFileWrittenUtc);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;   // ended meanwhile, or cannot be told apart: killing a stranger is worse than leaving a server
        }
    }

    // The start time is derived from the boot time (whole seconds) and clock ticks, the file time from the file system:
    // allow for rounding and clock adjustments; a reboot takes longer than that.
    private static bool StartedBefore(Process process, DateTime writtenUtc) =>
        process.StartTime.ToUniversalTime() <= writtenUtc + TimeSpan.FromSeconds(5);

    /// <summary>Whether the process runs; with <paramref name="recordedUtc"/> (when its id was written down), only if it started before.</summary>
    public static bool IsAlive(int pid, DateTime? recordedUtc = null)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (recordedUtc is not { } recorded || StartedBefore(process, recorded));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
