using Pipeline.Core.Files;
using System.Globalization;
using System.Security.Cryptography;
using Pipeline.Core.Redaction;

namespace Pipeline.Core.Evidence;

/// <summary>
/// Names and writes evidence files. A template is a path relative to the repository root with a
/// <c>{date}</c> token, e.g. <c>reports/p95_k6_{date}.json</c>; the token becomes the run's local date
/// (<c>YYYYMMDD</c>). When that name is taken, the time of the write is appended (<c>-HHMMSS</c>, then
/// <c>-HHMMSS-2</c>...), so a second run the same day never overwrites the first. Text goes through the
/// redactor; every write is atomic.
/// <para>
/// A name is reserved by creating an empty placeholder with create-new semantics, which the file system
/// grants to one process only: two runs started in the same second (two processes, or two stores over the
/// same folder) get distinct names. The write then replaces the placeholder this store owns; placeholders
/// never written are removed by <see cref="ReleaseUnwritten"/> (the build calls it when a target ends) and
/// on <see cref="Dispose"/>.
/// </para>
/// </summary>
public sealed class EvidenceStore : IDisposable
{
    public const string DateToken = "{date}";

    private readonly TimeProvider _clock;
    private readonly SecretRedactor _redactor;
    private readonly object _gate = new();
    private readonly HashSet<string> _placeholders = new(StringComparer.Ordinal);
    // Tells this build invocation's ledger lines from another's under the same run id.
    private IReadOnlyDictionary<string, string>? _targetParameters;
    private bool _targetRecorded;
    private readonly string _invocation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public EvidenceStore(string root, TimeProvider? clock = null, SecretRedactor? redactor = null)
    {
        Root = Path.GetFullPath(root);
        _clock = clock ?? TimeProvider.System;
        _redactor = redactor ?? SecretRedactor.Global;
        RunDate = _clock.GetLocalNow();
        RunId = $"{RunDate:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    public string Root { get; }

    /// <summary>The run's local start; its date names every file of the run.</summary>
    public DateTimeOffset RunDate { get; }

    /// <summary>Identifies this run in every evidence file it writes, so files of different runs are never mixed.</summary>
    public string RunId { get; private set; }

    /// <summary>Uses a run id given by the user (shards of one run on several machines share it); validated, it names the ledger.</summary>
    public void UseRunId(string runId) => RunId = RunLedger.ValidateRunId(runId);

    /// <summary>The run ledger this store appends to while a target runs (<see cref="RunLedger"/>).</summary>
    public string LedgerPath => RunLedger.PathFor(Root, RunId);

    /// <summary>How many files this store recorded in the run ledger (files written inside a target).</summary>
    public int FilesRecorded { get; private set; }

    public string DateStamp => RunDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public SecretRedactor Redactor => _redactor;

    /// <summary>The absolute path of a template with the run's date and no collision suffix.</summary>
    public string Resolve(string template) => Path.Combine(Root, template.Replace(DateToken, DateStamp, StringComparison.Ordinal));

    /// <summary>
    /// Reserves free names for files that belong together (say a NDJSON and its summary): all get the same
    /// suffix, chosen so that none of them exists yet, and each gets an empty placeholder so that no other
    /// store or process can take it before this one writes it.
    /// </summary>
    public IReadOnlyList<string> Reserve(params string[] templates)
    {
        lock (_gate)
        {
            var now = _clock.GetLocalNow();
            foreach (var stamp in Candidates(now))
            {
                var paths = templates.Select(t => Path.Combine(Root, t.Replace(DateToken, stamp, StringComparison.Ordinal))).ToArray();
                if (!TryCreatePlaceholders(paths)) continue;
                foreach (var p in paths) _placeholders.Add(p);
                return paths;
            }
        }
        throw new IOException("No free evidence name found (more than 1,000 runs in one second?)");
    }

    public string Reserve(string template) => Reserve([template])[0];

    /// <summary>Writes redacted text under a new name and returns the path written.</summary>
    public string WriteText(string template, string content) => WriteTextTo(Reserve(template), content);

    /// <summary>Writes redacted text to a path obtained from <see cref="Reserve(string[])"/>.</summary>
    public string WriteTextTo(string reservedPath, string content)
    {
        AtomicFile.WriteAllText(reservedPath, _redactor.Redact(content), overwrite: OwnsPlaceholder(reservedPath));
        return Written(reservedPath);
    }

    /// <summary>Writes binary content (a PNG, a zip) under a new name; binary content is not redacted.</summary>
    public string WriteBytes(string template, ReadOnlySpan<byte> content)
    {
        var path = Reserve(template);
        AtomicFile.WriteAllBytes(path, content, overwrite: OwnsPlaceholder(path));
        return Written(path);
    }

    /// <summary>Streams content to a reserved path; the caller is responsible for redacting what it writes.</summary>
    public async Task<string> WriteStreamAsync(string reservedPath, Func<Stream, Task> writeContent)
    {
        await AtomicFile.WriteAsync(reservedPath, writeContent, overwrite: OwnsPlaceholder(reservedPath));
        return Written(reservedPath);
    }

    /// <summary>The target writing evidence now (set by the build's target hooks), null outside a target.</summary>
    public string? CurrentTarget { get; private set; }

    /// <summary>
    /// Called by the build (NUKE's OnTargetRunning) when a target starts: the run ledger records the target and its non-secret
    /// parameters (URL credentials removed, known secrets masked); every file written until
    /// <see cref="EndTarget"/> is recorded with its SHA-256. The start is written with the target's first
    /// file, so a target that writes no evidence (Test, VerifyEvidence) leaves no ledger behind.
    /// </summary>
    public void BeginTarget(string target, IReadOnlyDictionary<string, string>? parameters = null)
    {
        CurrentTarget = target;
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
            if (!string.IsNullOrEmpty(value)) kept[name] = _redactor.Redact(UrlCredentials.Mask(value));
        _targetParameters = kept;
        _targetRecorded = false;
    }

    /// <summary>
    /// Called by the build (OnTargetSucceeded/OnTargetFailed) when a target ends: files a tool wrote into reserved names are recorded, names
    /// reserved and not written are given back, and the ledger records the outcome.
    /// </summary>
    public void EndTarget(string target, bool succeeded)
    {
        lock (_gate)
        {
            foreach (var path in _placeholders.ToList())
            {
                if (new FileInfo(path) is { Exists: true, Length: > 0 }) Written(path);
            }
        }
        ReleaseUnwritten();
        try
        {
            if (_targetRecorded) Append(RunLedgerEntry.TargetFinished, target, outcome: succeeded ? RunLedgerEntry.Succeeded : RunLedgerEntry.Failed);
        }
        catch (IOException) when (!succeeded) { /* the failure being reported matters more; a ledger without an outcome is never archived as met */ }
        CurrentTarget = null;
    }

    /// <summary>Gives up a reserved name that will not be written (an optional file this run does not produce).</summary>
    public void Release(string reservedPath)
    {
        lock (_gate)
        {
            if (!_placeholders.Remove(reservedPath)) return;
            DeletePlaceholder(reservedPath);
        }
    }

    /// <summary>Removes every placeholder this store reserved and did not write (a target failed or wrote less).</summary>
    public void ReleaseUnwritten()
    {
        lock (_gate)
        {
            foreach (var path in _placeholders) DeletePlaceholder(path);
            _placeholders.Clear();
        }
    }

    public void Dispose() => ReleaseUnwritten();

    /// <summary>A path relative to the root, with forward slashes, for reports and logs.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    // The placeholder is replaced only while it is still ours: a reserved name written twice, or a path
    // that was never reserved, gets create-new semantics and fails rather than overwriting.
    private bool OwnsPlaceholder(string path)
    {
        lock (_gate) return _placeholders.Contains(path);
    }

    private string Written(string path)
    {
        lock (_gate)
        {
            _placeholders.Remove(path);
            if (CurrentTarget is { } target)
            {
                if (!_targetRecorded) Append(RunLedgerEntry.TargetStarted, target, parameters: _targetParameters);
                _targetRecorded = true;
                using var stream = File.OpenRead(path);
                Append(RunLedgerEntry.FileWritten, target, path: Relative(path), sha256: Convert.ToHexStringLower(SHA256.HashData(stream)));
                FilesRecorded++;
            }
        }
        return path;
    }

    private void Append(string kind, string target, string? path = null, string? sha256 = null,
        IReadOnlyDictionary<string, string>? parameters = null, string? outcome = null) =>
        RunLedger.Append(Root, new RunLedgerEntry(RunId, kind, target, _invocation, _clock.GetUtcNow())
        {
            Path = path, Sha256 = sha256, Parameters = parameters, Outcome = outcome,
        });

    /// <summary>Creates every placeholder of a group, or none: a name another run holds makes the group move on.</summary>
    private static bool TryCreatePlaceholders(IReadOnlyList<string> paths)
    {
        var created = new List<string>(paths.Count);
        foreach (var path in paths)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
                created.Add(path);
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
                foreach (var placeholder in created) DeletePlaceholder(placeholder);
                return false;
            }
        }
        return true;
    }

    // Only an empty file is ours to remove: a placeholder that has content was written after all.
    private static void DeletePlaceholder(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.Exists && file.Length == 0) file.Delete();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private IEnumerable<string> Candidates(DateTimeOffset now)
    {
        yield return DateStamp;
        var time = now.ToString("HHmmss", CultureInfo.InvariantCulture);
        yield return $"{DateStamp}-{time}";
        for (var i = 2; i < 1000; i++) yield return $"{DateStamp}-{time}-{i}";
    }
}
