using Pipeline.Core.Evidence;

namespace Pipeline.Evidence.Ledger;

/// <summary>
/// One run as its ledger (<c>reports/runs/&lt;run-id&gt;.jsonl</c>) records it. A target may appear more than
/// once (run again under the same run id): its last execution is the one that counts, for its files, its
/// parameters and its outcome.
/// </summary>
internal sealed class RecordedRun
{
    private readonly IReadOnlyList<RunLedgerEntry> _entries;

    private RecordedRun(string runId, string ledgerPath, IReadOnlyList<RunLedgerEntry> entries)
    {
        RunId = runId;
        LedgerPath = ledgerPath;
        _entries = entries;
    }

    public string RunId { get; }

    public string LedgerPath { get; }

    /// <summary>When the ledger's last line was written.</summary>
    public DateTimeOffset LastRecordedAt => _entries.Count == 0 ? DateTimeOffset.MinValue : _entries.Max(e => e.At);

    public static RecordedRun Load(string ledgerPath) =>
        new(Path.GetFileNameWithoutExtension(ledgerPath), ledgerPath, RunLedger.Read(ledgerPath));

    /// <summary>The files of every target's last execution, in the order they were written.</summary>
    public IReadOnlyList<RunLedgerEntry> Files =>
        LastExecutions().SelectMany(e => e.Where(x => x.Kind == RunLedgerEntry.FileWritten)).OrderBy(e => e.At).ToList();

    /// <summary>The target that wrote <paramref name="relativePath"/> in its last execution, if any.</summary>
    public string? WriterOf(string relativePath) => Files.LastOrDefault(f => f.Path == relativePath)?.Target;

    /// <summary><see cref="RunLedgerEntry.Succeeded"/>, <see cref="RunLedgerEntry.Failed"/>, or null when the target's last execution never ended.</summary>
    public string? OutcomeOf(string target) =>
        LastExecution(target)?.LastOrDefault(e => e.Kind == RunLedgerEntry.TargetFinished)?.Outcome;

    /// <summary>The parameters of the target's last execution (names as the build declares them).</summary>
    public IReadOnlyDictionary<string, string> ParametersOf(string target) =>
        LastExecution(target)?.FirstOrDefault(e => e.Kind == RunLedgerEntry.TargetStarted)?.Parameters ?? new Dictionary<string, string>();

    private IEnumerable<IReadOnlyList<RunLedgerEntry>> LastExecutions() =>
        _entries.Select(e => e.Target).Distinct(StringComparer.Ordinal).Select(LastExecution).OfType<IReadOnlyList<RunLedgerEntry>>();

    // From the target's last start to its end, within the invocation that started it.
    private IReadOnlyList<RunLedgerEntry>? LastExecution(string target)
    {
        var start = -1;
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Target == target && _entries[i].Kind == RunLedgerEntry.TargetStarted) { start = i; break; }
        }
        if (start < 0) return null;
        var invocation = _entries[start].Invocation;
        var execution = new List<RunLedgerEntry>();
        for (var i = start; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            if (entry.Target != target || entry.Invocation != invocation) continue;
            execution.Add(entry);
            if (entry.Kind == RunLedgerEntry.TargetFinished) break;
        }
        return execution;
    }
}
