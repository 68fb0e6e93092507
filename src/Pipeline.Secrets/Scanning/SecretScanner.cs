using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Rules;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The built-in secret scanner. Per file: one vectorised keyword pass finds candidate lines, only the rules
/// whose keywords occur there run their (source-generated) regex on that line, and every match goes through the
/// allowlists, entropy and false-positive checks. Folders are scanned in parallel, one file per task.
/// Every secret found is registered with the redactor before anything can log it.
/// </summary>
public sealed class SecretScanner
{
    // Keyword-anchored rules allow up to 48 name characters, a quote and spaces before the operator.
    private const int AnchoredLookahead = 64;

    private readonly SecretRule[] _rules;
    private readonly KeywordPrefilter _prefilter;
    private readonly SecretRedactor _redactor;

    public SecretScanner(IReadOnlyList<SecretRule> rules, SecretScannerOptions? options = null, SecretRedactor? redactor = null)
    {
        _rules = rules.ToArray();
        Options = options ?? new SecretScannerOptions();
        _redactor = redactor ?? SecretRedactor.Global;
        _prefilter = new KeywordPrefilter(_rules);
    }

    public static SecretScanner CreateDefault(SecretScannerOptions? options = null, SecretRedactor? redactor = null) =>
        new(DefaultSecretRules.All, options, redactor);

    public SecretScannerOptions Options { get; }
    public IReadOnlyList<SecretRule> Rules => _rules;

    /// <summary>Scans one file (binary and over-size files give no findings); findings name it as given.</summary>
    public IReadOnlyList<SecretFinding> ScanFile(string path) =>
        TryReadText(path, out var text, out _) is null ? ScanText(path.Replace('\\', '/'), text!) : [];

    /// <summary>Scans text as if it were the file <paramref name="fileName"/> (the name matters for lock files).</summary>
    public IReadOnlyList<SecretFinding> ScanText(string fileName, string text)
    {
        var findings = new List<SecretFinding>();
        var seen = new HashSet<(int Line, string Secret)>();
        var isLockFile = FalsePositiveFilter.IsLockFile(fileName);
        // Specific rules first: on a line where both match one value, the specific rule is the one reported.
        foreach (var group in _prefilter.Groups) ScanGroup(group, fileName, text, isLockFile, seen, findings);
        if (_prefilter.Groups.Count > 1) findings.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return findings;
    }

    // Hot loops: optimised at first call instead of running instrumented tier-0 code for the first files.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanGroup(KeywordGroup group, string fileName, string text, bool isLockFile,
        HashSet<(int, string)> seen, List<SecretFinding> findings)
    {
        var span = text.AsSpan();
        int position = 0, lineNumber = 1, countedTo = 0;
        while (position < span.Length)
        {
            var hit = group.IndexOfAny(span[position..]);
            if (hit < 0) break;
            hit += position;
            var lineStart = span[..hit].LastIndexOf('\n') + 1;
            var lineEndOffset = span[hit..].IndexOf('\n');
            var lineEnd = lineEndOffset < 0 ? span.Length : hit + lineEndOffset;
            lineNumber += span[countedTo..lineStart].Count('\n');
            countedTo = lineStart;
            position = lineEnd + 1;

            var line = new LineContext(fileName, text, lineStart, lineEnd, lineNumber, isLockFile, seen, findings);
            ulong rules = 0;
            for (var at = hit; at < lineEnd;)
            {
                var next = group.IndexOfAny(span[at..lineEnd]);
                if (next < 0) break;
                var found = group.RulesAt(span[(at + next)..]);
                if (group.IsAnchored)
                {
                    // An assignment must follow the name closely; most mentions of "token" or "secret" in code are not one.
                    var after = span.Slice(at + next, Math.Min(AnchoredLookahead, lineEnd - at - next));
                    if (after.IndexOfAny('=', ':') >= 0)
                        for (var (index, bits) = (0, found); bits != 0; index++, bits >>= 1)
                            if ((bits & 1) != 0) MatchRule(line, index, at + next, lineEnd - at - next);
                }
                else rules |= found;
                at += next + 1;
            }
            for (var index = 0; rules != 0; index++, rules >>= 1)
                if ((rules & 1) != 0) MatchRule(line, index, lineStart, lineEnd - lineStart);
        }
    }

    /// <summary>Scans a folder (git-ignored files left out) in parallel; paths are reported relative to <paramref name="relativeTo"/>.</summary>
    public DirectoryScanResult ScanDirectory(string root, string? relativeTo = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The folder to scan '{root}' does not exist. Pass an existing folder (--scan-root / --scan-paths).");
        var reference = Path.GetFullPath(relativeTo ?? root);
        var (files, walkSkipped) = new FileWalker(Options).Walk(root);
        var findings = new ConcurrentBag<SecretFinding>();
        var skipped = new ConcurrentBag<SkippedFile>(walkSkipped.Select(s => s with { Path = Relative(reference, Path.Combine(root, s.Path)) }));
        long bytes = 0;
        int scanned = 0, done = 0;

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxDegreeOfParallelism), CancellationToken = cancellationToken }, file =>
        {
            var relative = Relative(reference, file);
            var reason = TryReadText(file, out var text, out var length);
            if (reason is not null) skipped.Add(new(relative, reason));
            else
            {
                foreach (var finding in ScanText(relative, text!)) findings.Add(finding);
                Interlocked.Add(ref bytes, length);
                Interlocked.Increment(ref scanned);
            }
            Options.OnFileScanned?.Invoke(Interlocked.Increment(ref done), files.Count);
        });

        return new DirectoryScanResult(
            findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList(),
            scanned, bytes,
            skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ToList(),
            watch.Elapsed)
        {
            Files = files.Select(f => Relative(reference, f)).ToList(),
        };
    }

    private readonly record struct LineContext(string FileName, string Text, int LineStart, int LineEnd, int LineNumber,
        bool IsLockFile, HashSet<(int, string)> Seen, List<SecretFinding> Findings);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatchRule(in LineContext line, int index, int start, int length)
    {
        var rule = _rules[index];
        if (rule.IsGeneric && line.IsLockFile) return;
        if (rule.SpansLines) length = Math.Min(line.Text.Length, line.LineStart + Options.MultilineWindow) - start;
        for (var match = rule.Pattern.Match(line.Text, start, length); match.Success; match = rule.AnchoredAtKeyword ? Match.Empty : match.NextMatch())
        {
            if (match.Index >= line.LineEnd) break; // a later line's match is found when that line is visited
            var group = match.Groups["secret"];
            var secret = group.Success ? group.Value : match.Value;
            if (!IsReportable(rule, match.Value, secret)) continue;
            // Checked only for a line that has a finding: most lines a keyword brings here have none.
            if (line.Text.AsSpan(line.LineStart, line.LineEnd - line.LineStart).Contains(Options.AllowComment, StringComparison.OrdinalIgnoreCase)) return;
            if (!line.Seen.Add((line.LineNumber, secret))) continue;

            _redactor.Register(secret);
            var secretIndex = group.Success ? group.Index : match.Index;
            line.Findings.Add(new SecretFinding
            {
                File = line.FileName,
                Line = line.LineNumber,
                Column = secretIndex - line.LineStart + 1,
                RuleId = rule.Id,
                Description = rule.Description,
                Family = rule.Family,
                Redacted = SecretRedactor.Mask(secret),
                SecretHash = Sha1Hex(secret),
                DetectSecretsHash = rule.DetectSecretsValue is { } value ? Sha1Hex(value(secret)) : null,
                DetectSecretsType = rule.DetectSecretsType,
                TrufflehogDetector = rule.TrufflehogDetector,
                TrufflehogDetectorType = rule.TrufflehogDetectorType,
            });
        }
    }

    private static bool IsReportable(SecretRule rule, string match, string secret)
    {
        foreach (var allow in rule.Allowlist) if (allow.IsMatch(match)) return false;
        if (FalsePositiveFilter.IsPlaceholder(secret)) return false;
        if (rule.MinimumEntropy > 0 && ShannonEntropy.Of(secret) < rule.MinimumEntropy) return false;
        if (rule.IsGeneric && FalsePositiveFilter.IsLikelyNotSecret(secret)) return false;
        return rule.Confirm?.Invoke(secret) ?? true;
    }

    /// <summary>SHA-1 hex of the UTF-8 secret: detect-secrets' <c>hashed_secret</c>.</summary>
    public static string Sha1Hex(string secret) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(secret)));

    // null when the file was read as text, else why it was skipped.
    private string? TryReadText(string path, out string? text, out long length)
    {
        text = null;
        length = 0;
        try
        {
            if (Options.BinaryExtensions.Contains(Path.GetExtension(path))) return "binary (by extension)";
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(true) is FileInfo target) info = target;
            if (info.Length > Options.MaxFileBytes)
                return $"larger than the {Options.MaxFileBytes / 1048576.0:0.#} MiB limit ({info.Length / 1048576.0:0.#} MiB)";
            // Read into a pooled buffer: only the decoded text is allocated, not a second copy of every file.
            // Read to the end, not to the size the file system reports (a growing log, /proc files say 0).
            using var handle = File.OpenHandle(path);
            var limit = Math.Min(Options.MaxFileBytes, Array.MaxLength);
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(RandomAccess.GetLength(handle) + 1, Math.Min(4096, limit + 1), limit + 1));
            try
            {
                var read = 0;
                while (RandomAccess.Read(handle, buffer.AsSpan(read), read) is var n and > 0)
                {
                    read += n;
                    if (read > limit) return $"larger than the {Options.MaxFileBytes / 1048576.0:0.#} MiB limit (grew while it was read)";
                    if (read == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                        buffer.AsSpan(0, read).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }
                if (buffer.AsSpan(0, Math.Min(read, 8000)).Contains((byte)0)) return "binary (contains NUL bytes)";
                length = read;
                text = Encoding.UTF8.GetString(buffer, 0, read);
                return null;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"unreadable: {exception.Message}";
        }
    }

    private static string Relative(string reference, string path) => Path.GetRelativePath(reference, path).Replace('\\', '/');
}
