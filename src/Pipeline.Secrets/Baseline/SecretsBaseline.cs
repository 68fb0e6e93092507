using System.Text.Json;
using Pipeline.Core.Errors;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Baseline;

/// <summary>
/// A detect-secrets baseline (<c>.secrets.baseline</c>): the findings a team has reviewed and accepted. A
/// finding is baselined when an entry names its file and its secret's SHA-1 (ours, or the value detect-secrets
/// itself hashes, so baselines written by detect-secrets work too). Line numbers are ignored: editing a file
/// must not turn an accepted secret into a new one. Test results under <c>reports/tests/</c> echo the tests'
/// data (theory arguments, assertion messages): a value accepted in a file under <c>tests/</c> stays accepted
/// when it reappears there, so a test run does not turn reviewed test data into new findings.
/// </summary>
internal sealed class SecretsBaseline
{
    public const string TestSourcesFolder = "tests/";
    public const string TestResultsFolder = "reports/tests/";

    private readonly HashSet<(string File, string Hash)> _keys;
    private readonly HashSet<string> _testDataHashes;

    public SecretsBaseline(IReadOnlyList<BaselineEntry> entries, string version = DetectSecretsVersion)
    {
        Entries = entries;
        Version = version;
        _keys = entries.Select(e => (e.FileName, e.HashedSecret)).ToHashSet();
        _testDataHashes = entries.Where(e => e.FileName.StartsWith(TestSourcesFolder, StringComparison.Ordinal))
            .Select(e => e.HashedSecret).ToHashSet();
    }

    /// <summary>The detect-secrets version whose format we write (the fixture's, v1.5.0).</summary>
    public const string DetectSecretsVersion = "1.5.0";

    public static SecretsBaseline Empty { get; } = new([]);

    public IReadOnlyList<BaselineEntry> Entries { get; }
    public string Version { get; }

    public bool Contains(SecretFinding finding) =>
        Accepts(finding.File, finding.SecretHash) || finding.DetectSecretsHash is { } hash && Accepts(finding.File, hash);

    private bool Accepts(string file, string hash) =>
        _keys.Contains((file, hash)) ||
        file.StartsWith(TestResultsFolder, StringComparison.Ordinal) && _testDataHashes.Contains(hash);

    /// <summary>Baseline entries for findings (one per file, hash and type; the first line seen).</summary>
    public static IEnumerable<BaselineEntry> EntriesFor(IEnumerable<SecretFinding> findings) =>
        findings
            .GroupBy(f => (f.File, f.SecretHash, f.DetectSecretsType))
            .Select(g => g.OrderBy(f => f.Line).First())
            .Select(f => new BaselineEntry(f.DetectSecretsType, f.File, f.SecretHash, f.Verified, f.Line));

    /// <summary>This baseline plus the findings it does not hold yet (existing entries, audits included, are kept).</summary>
    public SecretsBaseline With(IEnumerable<SecretFinding> findings)
    {
        var added = EntriesFor(findings.Where(f => !Contains(f))).ToList();
        return new SecretsBaseline([.. Entries, .. added], Version);
    }

    /// <summary>
    /// Reads a baseline; a malformed one is a clear error. A missing file is an empty baseline, unless the user named
    /// it (<paramref name="mustExist"/>): then a typo would silently drop every accepted finding, so it is an error.
    /// </summary>
    public static SecretsBaseline Load(string path, bool mustExist = false)
    {
        if (File.Exists(path))
        {
            try { return Parse(File.ReadAllText(path), path); }
            catch (InvalidDataException exception) { throw new UserInputException(exception.Message, exception); }
        }
        if (Directory.Exists(path))
            throw new UserInputException($"'{path}' is a folder, not a baseline file. Pass the detect-secrets baseline file (default: .secrets.baseline).")
                { Input = nameof(SecretScanSettings.Baseline) };
        if (mustExist)
            throw new UserInputException($"'{path}' was not found. Pass an existing detect-secrets baseline, leave it out to use .secrets.baseline, or add --update-baseline to create it.")
                { Input = nameof(SecretScanSettings.Baseline) };
        return Empty;
    }

    /// <summary>Parses baseline JSON; <paramref name="source"/> names it in errors.</summary>
    public static SecretsBaseline Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("it has no \"results\" object");
            var entries = new List<BaselineEntry>();
            foreach (var file in results.EnumerateObject())
            foreach (var item in file.Value.EnumerateArray())
            {
                entries.Add(new BaselineEntry(
                    item.GetProperty("type").GetString() ?? "",
                    item.TryGetProperty("filename", out var name) ? name.GetString() ?? file.Name : file.Name,
                    item.GetProperty("hashed_secret").GetString() ?? "",
                    item.TryGetProperty("is_verified", out var verified) && verified.GetBoolean(),
                    item.TryGetProperty("line_number", out var line) ? line.GetInt32() : null)
                {
                    IsSecret = item.TryGetProperty("is_secret", out var isSecret) ? isSecret.GetBoolean() : null,
                });
            }
            var version = root.TryGetProperty("version", out var v) ? v.GetString() ?? DetectSecretsVersion : DetectSecretsVersion;
            return new SecretsBaseline(entries, version);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"The secrets baseline '{source}' is not a detect-secrets baseline ({(exception is JsonException ? "not JSON: " + exception.Message.ReplaceLineEndings(" ") : exception is InvalidDataException ? exception.Message : "wrong shape: expected {\"results\": {\"FILE\": [{\"type\": ..., \"hashed_secret\": ...}]}}")}). " +
                "Fix or delete it, then run `./build.sh ScanSecrets --update-baseline` to write a new one.", exception);
        }
    }
}
