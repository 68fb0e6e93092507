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
/// allowlists, entropy and false-positive checks. Folders are scanned in parallel, one file per task; what a file
/// holds (large text, NUL bytes, archives, known binaries) is read by <see cref="ContentScanner"/>, and names are scanned too.
/// Every secret found is registered with the redactor before anything can log it.
/// <para>
/// Public as the library's scanning API for other gates (the evidence archive's secrets gate):
/// <see cref="CreateDefault"/>, then <see cref="ScanFile"/>, <see cref="ScanFileWithCoverage"/> or <see cref="ScanText"/>.
/// Folder scans, custom rule sets and the repository listing stay inside the library (<see cref="SecretScan"/> runs them).
/// </para>
/// </summary>
public sealed class SecretScanner
{
    // Keyword-anchored rules allow up to 48 name characters, a quote and spaces before the operator.
    private const int AnchoredLookahead = 64;

    private readonly SecretRule[] _rules;
    private readonly KeywordPrefilter _prefilter;
    private readonly SecretRedactor _redactor;

    internal SecretScanner(IReadOnlyList<SecretRule> rules, SecretScannerOptions? options = null, SecretRedactor? redactor = null)
    {
        _rules = rules.ToArray();
        Options = options ?? new SecretScannerOptions();
        _redactor = redactor ?? SecretRedactor.Global;
        _prefilter = new KeywordPrefilter(_rules);
    }

    public static SecretScanner CreateDefault(SecretScannerOptions? options = null, SecretRedactor? redactor = null) =>
        new(DefaultSecretRules.All, options, redactor);

    internal SecretScannerOptions Options { get; }
    public IReadOnlyList<SecretRule> Rules => _rules;

    /// <summary>Scans one file (archives entry by entry, large files streamed); findings name it as given.</summary>
    public IReadOnlyList<SecretFinding> ScanFile(string path) => ScanFileWithCoverage(path).Findings;

    /// <summary>Scans one file and says what could not be read in it (an unreadable file, an archive entry past a bound).</summary>
    public DirectoryScanResult ScanFileWithCoverage(string path)
    {
        var full = Path.GetFullPath(path);
        var name = path.Replace('\\', '/');
        return Scan(new FileListing(Path.GetDirectoryName(full)!, [full], [], "one file"), _ => name);
    }

    /// <summary>Scans text as if it were the file <paramref name="fileName"/> (the name matters for lock files).</summary>
    public IReadOnlyList<SecretFinding> ScanText(string fileName, string text)
    {
        var findings = new List<SecretFinding>();
        ScanChunk(fileName, text, 1, text.Length, findings);
        return findings;
    }

    /// <summary>
    /// Scans one chunk of a file whose first line is <paramref name="firstLine"/>, reporting only matches that start
    /// before <paramref name="ownedLength"/> (the rest of the chunk is read again, whole, with the next chunk).
    /// </summary>
    internal void ScanChunk(string fileName, string text, int firstLine, int ownedLength, List<SecretFinding> findings, List<string>? secrets = null)
    {
        var start = findings.Count;
        var seen = new HashSet<(int Line, string Secret)>();
        var isLockFile = FalsePositiveFilter.IsLockFile(fileName);
        // Specific rules first: on a line where both match one value, the specific rule is the one reported.
        foreach (var group in _prefilter.Groups) ScanGroup(group, fileName, text, firstLine, ownedLength, isLockFile, seen, findings, secrets);
        if (_prefilter.Groups.Count > 1)
            findings.Sort(start, findings.Count - start, Comparer<SecretFinding>.Create((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column)));
    }

    // Hot loops: optimised at first call instead of running instrumented tier-0 code for the first files.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanGroup(KeywordGroup group, string fileName, string text, int firstLine, int ownedLength, bool isLockFile,
        HashSet<(int, string)> seen, List<SecretFinding> findings, List<string>? secrets)
    {
        var span = text.AsSpan();
        int position = 0, lineNumber = firstLine, countedTo = 0;
        while (position < span.Length)
        {
            var hit = group.IndexOfAny(span[position..]);
            if (hit < 0) break;
            hit += position;
            var lineStart = span[..hit].LastIndexOf('\n') + 1;
            if (lineStart >= ownedLength) break;
            var lineEndOffset = span[hit..].IndexOf('\n');
            var lineEnd = lineEndOffset < 0 ? span.Length : hit + lineEndOffset;
            lineNumber += span[countedTo..lineStart].Count('\n');
            countedTo = lineStart;
            position = lineEnd + 1;

            var line = new LineContext(fileName, text, lineStart, lineEnd, Math.Min(lineEnd, ownedLength), lineNumber, isLockFile, seen, findings, secrets);
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
    internal DirectoryScanResult ScanDirectory(string root, string? relativeTo = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The folder to scan '{root}' does not exist; give an existing folder.");
        return Scan(new FileWalker(Options).List(root), relativeTo, cancellationToken);
    }

    /// <summary>Scans the listed files in parallel; paths are reported relative to <paramref name="relativeTo"/> (default: the listing's root).</summary>
    internal DirectoryScanResult Scan(FileListing listing, string? relativeTo = null, CancellationToken cancellationToken = default)
    {
        var reference = Path.GetFullPath(relativeTo ?? listing.Root);
        return Scan(listing, file => Relative(reference, file), cancellationToken);
    }

    private DirectoryScanResult Scan(FileListing listing, Func<string, string> nameOf, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var files = listing.Files;
        var content = new ContentScanner(this, Options);
        var findings = new ConcurrentBag<SecretFinding>();
        var skipped = new ConcurrentBag<SkippedFile>(listing.Skipped.Select(s => s with { Path = nameOf(Path.Combine(listing.Root, s.Path)) }));
        var entryNames = new ConcurrentBag<string>();
        long bytes = 0;
        int scanned = 0, done = 0;

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxDegreeOfParallelism), CancellationToken = cancellationToken }, file =>
        {
            var name = nameOf(file);
            var tally = new ScanTally();
            try
            {
                content.ScanFile(file, name, tally);
                if (!tally.Skipped.Any(s => s.Path == name)) Interlocked.Increment(ref scanned);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                tally.Skip(name, $"unreadable: {exception.Message}", SkipKind.Unscanned, SizeOrZero(file));
            }
            foreach (var finding in tally.Findings) findings.Add(finding);
            foreach (var skip in tally.Skipped) skipped.Add(skip);
            foreach (var entry in tally.EntryNames) entryNames.Add(entry);
            Interlocked.Add(ref bytes, tally.BytesScanned);
            Options.OnFileScanned?.Invoke(Interlocked.Increment(ref done), files.Count);
        });

        // A secret can be a file, folder or archive entry name: names are scanned as text too, and such a
        // secret is masked in every path reported, so no report or baseline repeats it.
        var names = files.Select(nameOf).Concat(entryNames).Concat(skipped.Select(s => s.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var nameFindings = new List<SecretFinding>();
        var nameSecrets = new List<string>();
        ScanChunk("(file names)", string.Join('\n', names), 1, int.MaxValue, nameFindings, nameSecrets);
        foreach (var finding in nameFindings)
            findings.Add(finding with { File = names[finding.Line - 1], Line = 0, Description = finding.Description + " - in the file name" });
        var masks = nameSecrets.Distinct().OrderByDescending(s => s.Length).Select(s => (Secret: s, Mask: SecretRedactor.Mask(s))).ToList();
        string Masked(string path)
        {
            foreach (var (secret, mask) in masks) path = path.Replace(secret, mask, StringComparison.Ordinal);
            return path;
        }

        return new DirectoryScanResult(
            findings.Select(f => masks.Count == 0 ? f : f with { File = Masked(f.File) })
                .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList(),
            scanned, bytes,
            skipped.Select(s => masks.Count == 0 ? s : s with { Path = Masked(s.Path) }).OrderBy(s => s.Path, StringComparer.Ordinal).ToList(),
            watch.Elapsed)
        {
            Files = files.Select(f => Masked(nameOf(f))).ToList(),
            Listing = listing.Source,
        };
    }

    private static long SizeOrZero(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { return 0; }
    }

    // OwnedEnd: matches starting there or later belong to the next chunk (a line cut in two by streaming).
    private readonly record struct LineContext(string FileName, string Text, int LineStart, int LineEnd, int OwnedEnd, int LineNumber,
        bool IsLockFile, HashSet<(int, string)> Seen, List<SecretFinding> Findings, List<string>? Secrets);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatchRule(in LineContext line, int index, int start, int length)
    {
        var rule = _rules[index];
        if (rule.IsGeneric && line.IsLockFile) return;
        if (rule.SpansLines) length = Math.Min(line.Text.Length, line.LineStart + Options.MultilineWindow) - start;
        for (var match = rule.Pattern.Match(line.Text, start, length); match.Success; match = rule.AnchoredAtKeyword ? Match.Empty : match.NextMatch())
        {
            if (match.Index >= line.OwnedEnd) break; // a later line's match is found when that line is visited
            var group = match.Groups["secret"];
            var secret = group.Success ? group.Value : match.Value;
            if (!IsReportable(rule, match.Value, secret)) continue;
            // Checked only for a line that has a finding: most lines a keyword brings here have none.
            if (line.Text.AsSpan(line.LineStart, line.LineEnd - line.LineStart).Contains(Options.AllowComment, StringComparison.OrdinalIgnoreCase)) return;
            if (!line.Seen.Add((line.LineNumber, secret))) continue;

            _redactor.Register(secret);
            line.Secrets?.Add(secret);
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
    internal static string Sha1Hex(string secret) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Relative(string reference, string path) => Path.GetRelativePath(reference, path).Replace('\\', '/');
}
