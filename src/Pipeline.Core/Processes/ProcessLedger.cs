using System.Globalization;

namespace Pipeline.Core.Processes;

/// <summary>
/// What a run must not leave behind, written down as it goes: the processes it started (tools, the
/// reference API, the embedded PostgreSQL server, which detaches itself) and the folders it created for
/// them. The list lives in <c>.nuke/temp/runs/PID-XXXX.run</c> so that when the run is cut short it can
/// still be cleaned up: by the run itself on a second Ctrl-C or at process exit (<see cref="Abandon"/>),
/// or, when the run was killed outright, by the next run (<see cref="RunLeftovers"/>). A run that ends
/// normally has stopped everything itself and deletes its file.
/// </summary>
public sealed class ProcessLedger : IDisposable
{
    internal const string FolderName = "runs";
    internal const string Extension = ".run";
    internal const string RunPrefix = "run ";
    internal const string ProcessPrefix = "process ";
    internal const string FolderPrefix = "folder ";

    private static ProcessLedger? _current;

    private readonly object _gate = new();
    private readonly ProcessStamp _owner;
    private readonly List<ProcessStamp> _processes = [];
    private readonly List<string> _folders = [];
    private readonly List<Action> _onAbandon = [];
    private bool _closed;

    private ProcessLedger(string rootDirectory, string path, ProcessStamp owner)
    {
        RootDirectory = rootDirectory;
        Path = path;
        _owner = owner;
    }

    /// <summary>The ledger of the run in progress in this process, if any; <see cref="Tools.ToolRunner"/> records every process it starts there.</summary>
    public static ProcessLedger? Current => Volatile.Read(ref _current);

    public string RootDirectory { get; }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <summary>Starts the ledger of a run in <paramref name="rootDirectory"/> and makes it <see cref="Current"/>.</summary>
    public static ProcessLedger Open(string rootDirectory)
    {
        var owner = ProcessStamp.Of(Environment.ProcessId) ?? new ProcessStamp(Environment.ProcessId, 0, "build");
        var name = $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}{Extension}";
        var ledger = new ProcessLedger(rootDirectory, System.IO.Path.Combine(LedgerDirectory(rootDirectory), name), owner);
        ledger.Save();
        Volatile.Write(ref _current, ledger);
        AppDomain.CurrentDomain.ProcessExit += ledger.OnProcessExit;
        return ledger;
    }

    internal static string LedgerDirectory(string rootDirectory) => System.IO.Path.Combine(rootDirectory, ".nuke", "temp", FolderName);

    /// <summary>Records a process the run started; disposing the result forgets it (it has ended).</summary>
    public IDisposable TrackProcess(int processId)
    {
        if (ProcessStamp.Of(processId) is not { } stamp) return Forget.Nothing;
        return Add(_processes, [stamp]);
    }

    /// <summary>Records folders the run created for a process; disposing the result forgets them (they were deleted).</summary>
    public IDisposable TrackFolders(IEnumerable<string> folders) => Add(_folders, folders.Select(System.IO.Path.GetFullPath).Distinct().ToList());

    /// <summary>
    /// Adds a clean-up that only this process knows how to do (the evidence store's empty placeholders) to
    /// <see cref="Abandon"/>; it runs after the processes are killed.
    /// </summary>
    public void OnAbandon(Action cleanUp)
    {
        lock (_gate) _onAbandon.Add(cleanUp);
    }

    /// <summary>
    /// The run is being cut short: kills every recorded process (with its descendants), deletes the recorded
    /// folders and the unfinished evidence temp files, runs the <see cref="OnAbandon"/> clean-ups, then deletes
    /// the ledger. Safe to call more than once.
    /// </summary>
    public void Abandon()
    {
        ProcessStamp[] processes;
        string[] folders;
        Action[] cleanUps;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            processes = [.. _processes];
            folders = [.. _folders];
            cleanUps = [.. _onAbandon];
        }
        RunLeftovers.Remove(processes, folders, RootDirectory);
        foreach (var cleanUp in cleanUps)
        {
            try { cleanUp(); }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { /* the rest still runs */ }
        }
        Close();
    }

    /// <summary>The run ended normally: everything it started has been stopped by its owner; the ledger goes.</summary>
    public void Dispose()
    {
        lock (_gate) _closed = true;
        Close();
    }

    private void Close()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Interlocked.CompareExchange(ref _current, null, this);
        try { File.Delete(Path); }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { }
    }

    // An unhandled exception or a SIGTERM ends the process without the run's own clean-up.
    private void OnProcessExit(object? sender, EventArgs e) => Abandon();

    private Forget Add<T>(List<T> list, IReadOnlyList<T> items)
    {
        lock (_gate)
        {
            if (_closed) return Forget.Nothing;
            list.AddRange(items);
            Save();
        }
        return new Forget(() =>
        {
            lock (_gate)
            {
                if (_closed) return;
                foreach (var item in items) list.Remove(item);
                Save();
            }
        });
    }

    // Rewritten whole on every change (a few lines), into a temp file renamed over the ledger: a sweep from
    // another terminal reads the old or the new list, never an empty file it would take for an abandoned run.
    private void Save()
    {
        var lines = new List<string> { RunPrefix + _owner };
        lines.AddRange(_processes.Select(p => ProcessPrefix + p));
        lines.AddRange(_folders.Select(f => FolderPrefix + f));
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var saving = Path + ".saving";
            File.WriteAllLines(saving, lines);
            File.Move(saving, Path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The ledger is a safety net; a run must not fail because it cannot be written (a read-only checkout).
        }
    }

    private sealed class Forget(Action forget) : IDisposable
    {
        public static readonly Forget Nothing = new(() => { });
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) forget();
        }
    }
}
