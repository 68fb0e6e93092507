using System.Globalization;
using Pipeline.Core.Processes;
using Serilog;

namespace Pipeline.Core.Tests.Processes;

/// <summary>The next run removes what a killed run left behind, and nothing that still belongs to someone.</summary>
public sealed class RunLeftoversTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-leftovers-").FullName;
    private readonly List<string> _logged = [];
    private readonly ILogger _log;

    public RunLeftoversTests() => _log = new LoggerConfiguration().WriteTo.Sink(new ListSink(_logged)).CreateLogger();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_ledger_left_by_a_killed_run_has_its_process_killed_and_its_folder_deleted_and_says_so_in_one_line()
    {
        using var leftover = new SleepingProcess();
        var folder = Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp", "pg-deadbeef")).FullName;
        var ledger = WriteLedger(DeadRun(), Stamp(leftover.Id), folder);

        var removed = RunLeftovers.Sweep(_root, _log);

        Assert.True(leftover.Ended(), "The leftover process should have been killed.");
        Assert.False(Directory.Exists(folder));
        Assert.False(File.Exists(ledger));
        Assert.Equal([leftover.Id], removed.Processes.Select(p => p.Id));
        var line = Assert.Single(_logged);
        Assert.Equal($"Removed what an interrupted earlier run left behind: 1 process (sleep {leftover.Id}), 1 folder", line);
    }

    [Fact]
    public void A_ledger_of_a_run_still_in_progress_is_left_alone()
    {
        using var child = new SleepingProcess();
        var ledger = WriteLedger(Stamp(Environment.ProcessId), Stamp(child.Id), folder: null);

        var removed = RunLeftovers.Sweep(_root, _log);

        Assert.True(removed.IsEmpty);
        Assert.True(ProcessStamp.Of(child.Id)!.Value.IsRunning);
        Assert.True(File.Exists(ledger));
        Assert.Empty(_logged);
    }

    [Fact]
    public void A_process_that_only_has_the_recorded_id_is_not_killed()
    {
        using var stranger = new SleepingProcess();
        var recycled = Stamp(stranger.Id) with { StartTime = Stamp(stranger.Id).StartTime - 1000 }; // an earlier process with that id
        WriteLedger(DeadRun(), recycled, folder: null);

        var removed = RunLeftovers.Sweep(_root, _log);

        Assert.Empty(removed.Processes);
        Assert.True(ProcessStamp.Of(stranger.Id)!.Value.IsRunning);
    }

    [Fact]
    public void An_unfinished_temp_file_is_deleted_unless_another_process_holds_it_open()
    {
        var reports = Directory.CreateDirectory(Path.Combine(_root, "reports", "health")).FullName;
        var abandoned = Path.Combine(reports, ".history.jsonl.0123456789abcdef0123456789abcdef.tmp");
        var inUse = Path.Combine(_root, "reports", ".p95_k6_20261128.json.fedcba9876543210fedcba9876543210.tmp");
        var evidence = Path.Combine(_root, "reports", "p95_k6_20261128.json");
        foreach (var file in new[] { abandoned, inUse, evidence }) File.WriteAllText(file, "{}");
        using var writer = new SleepingProcess(holdOpen: inUse);
        WaitUntilOpen(writer.Id, inUse);

        var removed = RunLeftovers.Sweep(_root, _log);

        Assert.Equal(1, removed.TempFiles);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inUse));
        Assert.True(File.Exists(evidence));
        Assert.Equal("Removed what an interrupted earlier run left behind: 1 temp file in reports/", Assert.Single(_logged));
    }

    [Fact]
    public void A_temp_file_held_open_is_kept_when_the_root_is_reached_through_a_symbolic_link()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "checkout")).FullName;
        var linked = Path.Combine(_root, "linked-checkout");
        Directory.CreateSymbolicLink(linked, "checkout");   // relative, as `ln -s checkout linked-checkout`
        var inUse = Path.Combine(Directory.CreateDirectory(Path.Combine(real, "reports")).FullName, ".p95_k6_20261128.json.fedcba9876543210fedcba9876543210.tmp");
        var abandoned = Path.Combine(real, "reports", ".history.jsonl.0123456789abcdef0123456789abcdef.tmp");
        foreach (var file in new[] { inUse, abandoned }) File.WriteAllText(file, "{}");
        using var writer = new SleepingProcess(holdOpen: inUse);
        WaitUntilOpen(writer.Id, inUse);

        var removed = RunLeftovers.Sweep(linked, _log);

        Assert.Equal(1, removed.TempFiles);
        Assert.True(File.Exists(inUse));
        Assert.False(File.Exists(abandoned));
    }

    [Fact]
    public void Nothing_to_remove_logs_nothing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "reports"));
        Assert.True(RunLeftovers.Sweep(_root, _log).IsEmpty);
        Assert.Empty(_logged);
    }

    private static ProcessStamp Stamp(int id) => ProcessStamp.Of(id) ?? throw new InvalidOperationException($"Process {id} is not running.");

    /// <summary>The stamp of a run that has ended: a process that was started and has exited.</summary>
    private static ProcessStamp DeadRun()
    {
        using var finished = System.Diagnostics.Process.Start("sleep", "0");
        var stamp = ProcessStamp.Of(finished.Id) ?? new ProcessStamp(finished.Id, 1, "_build");
        finished.WaitForExit();
        return stamp;
    }

    private string WriteLedger(ProcessStamp run, ProcessStamp process, string? folder)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp", "runs")).FullName;
        var path = Path.Combine(directory, $"{run.Id.ToString(CultureInfo.InvariantCulture)}-0badf00d.run");
        var lines = new List<string> { $"run {run}", $"process {process}" };
        if (folder is not null) lines.Add($"folder {folder}");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void WaitUntilOpen(int processId, string file)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd").Any(fd => new FileInfo(fd).LinkTarget == file)) return;
            }
            catch (IOException) { }
            Thread.Sleep(20);
        }
        throw new TimeoutException($"Process {processId} never opened {file}.");
    }
}
