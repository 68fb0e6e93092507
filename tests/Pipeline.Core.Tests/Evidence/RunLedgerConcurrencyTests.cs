using Pipeline.Core.Evidence;

namespace Pipeline.Core.Tests.Evidence;

public sealed class RunLedgerConcurrencyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-ledger-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Concurrent_appends_from_several_threads_keep_every_line_whole()
    {
        const int writers = 6, linesEach = 40;
        var path = RunLedger.PathFor(_root, "race-1");
        var start = new Barrier(writers + 1);
        var readerProblems = new List<Exception>();
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < linesEach; i++)
                RunLedger.Append(_root, new RunLedgerEntry("race-1", RunLedgerEntry.FileWritten, $"Writer{w}", "inv", DateTimeOffset.UnixEpoch)
                {
                    Path = $"reports/w{w}-{i}-{new string('x', 200)}.json",
                });
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        // A reader during the appends sees whole lines only (the writer's exclusive lock refuses it for a moment).
        while (threads.Any(t => t.IsAlive))
        {
            if (!File.Exists(path)) continue;
            try { RunLedger.Read(path); }
            catch (Exception exception) { readerProblems.Add(exception); break; }
        }
        threads.ForEach(t => t.Join());

        Assert.Empty(readerProblems);
        var entries = RunLedger.Read(path);
        Assert.Equal(writers * linesEach, entries.Count);
        var expected = Enumerable.Range(0, writers).SelectMany(w => Enumerable.Range(0, linesEach).Select(i => $"reports/w{w}-{i}-{new string('x', 200)}.json"));
        Assert.Equal(expected.Order(), entries.Select(e => e.Path!).Order());
    }

    [Fact]
    public void An_appender_waits_while_another_handle_holds_the_ledger()
    {
        var path = RunLedger.PathFor(_root, "race-2");
        RunLedger.Append(_root, new RunLedgerEntry("race-2", RunLedgerEntry.TargetStarted, "First", "inv", DateTimeOffset.UnixEpoch));
        Task appending;
        using (var holder = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None))
        {
            appending = Task.Run(() => RunLedger.Append(_root, new RunLedgerEntry("race-2", RunLedgerEntry.TargetStarted, "Second", "inv", DateTimeOffset.UnixEpoch)));
            // While the lock is held the appender is refused, so nothing of its line reaches the file.
            Assert.False(appending.Wait(TimeSpan.FromMilliseconds(200)));
            holder.Write("{\"run_id\":\"race-2\",\"kind\":\"target-started\",\"target\":\"Held\",\"invocation\":\"inv\",\"at\":\"1970-01-01T00:00:00+00:00\"}\n"u8);
        }
        appending.Wait(TimeSpan.FromSeconds(10));

        Assert.True(appending.IsCompletedSuccessfully);
        Assert.Equal(["First", "Held", "Second"], RunLedger.Read(path).Select(e => e.Target));
    }
}
