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

    /// <summary>Kills the server of the data folder and every backend under it; a server that is gone is fine.</summary>
    public static void Kill(string dataDirectory)
    {
        if (IdOf(dataDirectory) is not { } pid) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
