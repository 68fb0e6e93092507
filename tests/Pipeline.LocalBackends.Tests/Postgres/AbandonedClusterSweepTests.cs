using System.Diagnostics;
using System.Globalization;
using Pipeline.LocalBackends.Postgres;
using Serilog.Core;

namespace Pipeline.LocalBackends.Tests.Postgres;

/// <summary>
/// A cluster folder left by a dead owner is removed, but the ids in its pid files may name other processes
/// by now (after a reboot): those are never killed.
/// </summary>
public sealed class AbandonedClusterSweepTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("pipeline-sweep-").FullName;
    private readonly Process _stranger = Process.Start("sleep", "600");

    public void Dispose()
    {
        if (!_stranger.HasExited) _stranger.Kill();
        _stranger.Dispose();
        Directory.Delete(_parent, recursive: true);
    }

    [Fact]
    public void A_stale_postmaster_pid_naming_another_live_process_only_loses_its_folder()
    {
        var folder = Cluster("pg-0badc0de", owner: DeadProcessId(), postmaster: _stranger.Id);

        AbandonedClusterSweep.Sweep(_parent, Logger.None);

        Assert.False(Directory.Exists(folder));
        Assert.False(_stranger.HasExited, "The process that merely has the recorded id must survive.");
    }

    [Fact]
    public void An_owner_id_now_held_by_a_process_started_after_the_claim_is_not_the_owner()
    {
        var folder = Cluster("pg-5ca1ab1e", owner: _stranger.Id, postmaster: _stranger.Id);
        var claimed = _stranger.StartTime.ToUniversalTime() - TimeSpan.FromHours(1);   // written before a reboot
        File.SetLastWriteTimeUtc(Path.Combine(folder, "owner.pid"), claimed);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "data", "postmaster.pid"), claimed);

        AbandonedClusterSweep.Sweep(_parent, Logger.None);

        Assert.False(Directory.Exists(folder));
        Assert.False(_stranger.HasExited, "A stranger with the owner's old id must survive.");
    }

    [Fact]
    public void A_folder_whose_owner_still_runs_is_left_alone()
    {
        var folder = Cluster("pg-a11ce000", owner: Environment.ProcessId, postmaster: _stranger.Id);

        AbandonedClusterSweep.Sweep(_parent, Logger.None);

        Assert.True(Directory.Exists(folder));
    }

    private string Cluster(string name, int owner, int postmaster)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_parent, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "owner.pid"), owner.ToString(CultureInfo.InvariantCulture));
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        // postmaster.pid as PostgreSQL writes it: the pid first, then the data folder, start time, port...
        File.WriteAllText(Path.Combine(data, "postmaster.pid"), $"{postmaster.ToString(CultureInfo.InvariantCulture)}\n{data}\n1700000000\n5432\n");
        return folder;
    }

    private static int DeadProcessId()
    {
        using var finished = Process.Start("true");
        finished.WaitForExit();
        return finished.Id;
    }
}
