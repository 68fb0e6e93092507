using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog.Core;

namespace Pipeline.Core.Tests.Processes;

/// <summary>A run writes down what it starts; cut short, it stops all of it and deletes its unfinished files.</summary>
[Collection(ProcessLedgerCollection.Name)]
public sealed class RunLedgerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-ledger-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_tool_is_in_the_ledger_while_it_runs_and_leaves_it_when_it_ends()
    {
        using var ledger = ProcessLedger.Open(_root);
        Assert.Same(ledger, ProcessLedger.Current);
        var tools = new ToolRunner(Logger.None, new SecretRedactor());

        var running = tools.RunAsync(new ToolCommand("sleep", ["600"]) { Timeout = TimeSpan.FromMinutes(10) });
        var line = WaitForProcessLine(ledger.Path);
        Assert.Matches(@"^process \d+ \d+ sleep$", line);

        ledger.Abandon(); // kills the tool: its run ends at once, not in ten minutes
        await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(ledger.Path));
        Assert.Null(ProcessLedger.Current);
    }

    [Fact]
    public async Task A_finished_tool_is_forgotten_and_a_normal_end_deletes_the_ledger()
    {
        var ledger = ProcessLedger.Open(_root);
        await new ToolRunner(Logger.None, new SecretRedactor()).RunAsync(new ToolCommand("true", []));

        Assert.DoesNotContain(File.ReadAllLines(ledger.Path), l => l.StartsWith("process ", StringComparison.Ordinal));
        ledger.Dispose();
        Assert.False(File.Exists(ledger.Path));
    }

    [Fact]
    public void Abandon_kills_every_recorded_process_and_deletes_its_folders_and_unfinished_temp_files()
    {
        using var server = new SleepingProcess();
        var folder = Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp", "pg-0123abcd")).FullName;
        var temp = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName, ".p95_k6_20261128.json.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(temp, "{\"partial\":");
        var ledger = ProcessLedger.Open(_root);
        ledger.TrackProcess(server.Id);
        ledger.TrackFolders([folder]);

        ledger.Abandon();
        ledger.Abandon(); // a second call (process exit after a second Ctrl-C) does nothing more

        Assert.True(server.Ended(), "The recorded process should have been killed.");
        Assert.False(Directory.Exists(folder));
        Assert.False(File.Exists(temp));
        Assert.False(File.Exists(ledger.Path));
    }

    [Fact]
    public void Abandon_gives_back_the_evidence_stores_empty_placeholders_and_keeps_what_was_written()
    {
        using var store = new Pipeline.Core.Evidence.EvidenceStore(_root);
        var ledger = ProcessLedger.Open(_root);
        ledger.OnAbandon(store.ReleaseUnwritten);
        var (empty, filled) = (store.Reserve("reports/p95_k6_{date}.json"), store.Reserve("reports/p95-summary-{date}.json"));
        File.WriteAllText(filled, "{\"written by\":\"a tool\"}");

        ledger.Abandon();

        Assert.False(File.Exists(empty));
        Assert.True(File.Exists(filled));
    }

    [Fact]
    public void The_ledger_is_never_seen_empty_while_it_is_rewritten()
    {
        using var ledger = ProcessLedger.Open(_root);
        var folders = Enumerable.Range(0, 200).Select(i => Path.Combine(_root, ".nuke", "temp", $"pg-{i:x8}")).ToList();
        var seenEmpty = 0;
        var rewriting = Task.Run(() =>
        {
            foreach (var folder in folders) ledger.TrackFolders([folder]).Dispose();
        });
        while (!rewriting.IsCompleted)
        {
            // What a sweep from another terminal does: read the file; an empty one would look abandoned.
            try { if (File.ReadAllLines(ledger.Path) is not [var first, ..] || !first.StartsWith("run ", StringComparison.Ordinal)) seenEmpty++; }
            catch (IOException) { }
        }
        rewriting.Wait();

        Assert.Equal(0, seenEmpty);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetDirectoryName(ledger.Path)!), f => f != ledger.Path);
    }

    private static string WaitForProcessLine(string ledger)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var line = File.ReadAllLines(ledger).FirstOrDefault(l => l.StartsWith("process ", StringComparison.Ordinal));
            if (line is not null) return line;
            Thread.Sleep(20);
        }
        throw new TimeoutException("The tool never appeared in the ledger.");
    }
}
