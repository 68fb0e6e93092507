using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Evidence.Attestation;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Manifest;

namespace Pipeline.Evidence.Verification;

/// <summary>
/// Re-checks an evidence archive: every entry is re-hashed against <c>manifest.json</c> and the in-toto
/// statement; missing, extra, altered and renamed files are reported, and unsafe entry names (absolute,
/// <c>..</c>) are refused. Nothing is extracted to a path taken from the archive. With the statement written
/// beside the archive (the file meant to be signed), the archive must also match it: every entry is a subject
/// with the same digest and the statement inside the archive is that very file, so rewriting a file together
/// with the manifest and statement inside the zip is caught. This is integrity, not authenticity: only a
/// verified signature over the outer statement says who made it.
/// </summary>
internal static class ArchiveVerifier
{
    public static VerificationReport Verify(string archivePath, ISecretGate? secretGate = null, string? statementPath = null)
    {
        var problems = new List<VerificationProblem>();
        if (!File.Exists(archivePath))
        {
            problems.Add(new(ProblemKind.Unreadable, "", $"The archive '{archivePath}' does not exist. Give the path of a reports/evidence-YYYYMMDD.zip."));
            return new VerificationReport(archivePath, 0, 0, problems);
        }

        var entries = new Dictionary<string, EntryDigest>(StringComparer.Ordinal);
        byte[]? manifestBytes = null, statementBytes = null;
        // With a gate, entries are copied (streaming) to temp files under names we choose, never the archive's own.
        var scanFolder = secretGate is null ? null : Directory.CreateTempSubdirectory("pipeline-verify-");
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (ArchiveEntryPath.Problem(name) is { } unsafeReason)
                {
                    problems.Add(new(ProblemKind.UnsafePath, name, $"Entry '{name}' is refused: {unsafeReason}."));
                    continue;
                }
                if (name.EndsWith('/')) continue;   // a directory entry carries no content
                if (entries.ContainsKey(name))
                {
                    problems.Add(new(ProblemKind.Duplicate, name, $"Entry '{name}' appears more than once; only the first is checked."));
                    continue;
                }
                try
                {
                    var copy = scanFolder is null ? null : Path.Combine(scanFolder.FullName, $"{entries.Count}{Path.GetExtension(name)}");
                    var digest = Digest(entry, keepBytes: name is EvidenceManifest.EntryName or InTotoStatement.EntryName, copy);
                    entries[name] = digest;
                    if (name == EvidenceManifest.EntryName) manifestBytes = digest.Bytes;
                    if (name == InTotoStatement.EntryName) statementBytes = digest.Bytes;
                }
                catch (InvalidDataException exception)
                {
                    problems.Add(new(ProblemKind.Altered, name, $"Entry '{name}' cannot be read back: {exception.Message} (its compressed bytes were changed)."));
                    entries[name] = new EntryDigest("", -1, null);
                }
            }
        }
        catch (InvalidDataException exception)
        {
            problems.Add(new(ProblemKind.Unreadable, "", $"'{archivePath}' is not a readable zip archive ({exception.Message}). It may be truncated or not an evidence archive."));
            scanFolder?.Delete(recursive: true);
            return new VerificationReport(archivePath, 0, 0, problems);
        }

        try
        {
            var manifest = ReadManifest(manifestBytes, problems);
            if (secretGate is not null) ScanEntries(secretGate, entries, problems);
            if (statementPath is not null) CheckOuterStatement(statementPath, statementBytes, entries, problems);
            if (manifest is null) return new VerificationReport(archivePath, entries.Count, 0, problems);
            CheckStatement(statementBytes, manifestBytes!, manifest, problems);
            CheckFiles(manifest, entries, problems);
            return new VerificationReport(archivePath, entries.Count, manifest.Files.Count, problems);
        }
        finally
        {
            try { scanFolder?.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static void CheckFiles(EvidenceManifest manifest, Dictionary<string, EntryDigest> entries, List<VerificationProblem> problems)
    {
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var missing = new List<ManifestFile>();
        foreach (var file in manifest.Files)
        {
            if (!entries.TryGetValue(file.Path, out var entry)) { missing.Add(file); continue; }
            if (entry.Size < 0) continue;   // unreadable, already reported
            if (!string.Equals(entry.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                problems.Add(new(ProblemKind.Altered, file.Path, $"'{file.Path}' was altered: sha256 is {entry.Sha256}, the manifest says {file.Sha256}."));
            else if (entry.Size != file.Size)
                problems.Add(new(ProblemKind.Altered, file.Path, $"'{file.Path}' was altered: {entry.Size} bytes, the manifest says {file.Size}."));
        }

        var extras = entries
            .Where(e => e.Key is not (EvidenceManifest.EntryName or InTotoStatement.EntryName) && !listed.ContainsKey(e.Key))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var (name, entry) in extras)
        {
            var original = missing.FirstOrDefault(m => string.Equals(m.Sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase));
            if (original is not null)
            {
                missing.Remove(original);
                problems.Add(new(ProblemKind.Renamed, name, $"'{original.Path}' was renamed to '{name}' (same sha256); the manifest lists it as '{original.Path}'."));
            }
            else
            {
                problems.Add(new(ProblemKind.Extra, name, $"'{name}' is in the archive but not in the manifest (added after archiving?)."));
            }
        }
        foreach (var file in missing)
            problems.Add(new(ProblemKind.Missing, file.Path, $"'{file.Path}' is listed in the manifest (sha256 {file.Sha256[..12]}...) but missing from the archive."));
    }

    private static EvidenceManifest? ReadManifest(byte[]? bytes, List<VerificationProblem> problems)
    {
        if (bytes is null)
        {
            problems.Add(new(ProblemKind.Manifest, EvidenceManifest.EntryName, $"The archive has no {EvidenceManifest.EntryName}; it is not an evidence archive or the manifest was removed."));
            return null;
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<EvidenceManifest>(bytes, EvidenceJson.Options);
            if (manifest?.Files is null) throw new JsonException("no 'files' list");
            if (manifest.Files.Any(f => string.IsNullOrEmpty(f.Path) || string.IsNullOrEmpty(f.Sha256))) throw new JsonException("a file without path or sha256");
            if (manifest.Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new JsonException($"'{twice.Key}' is listed twice");
            return manifest;
        }
        catch (JsonException exception)
        {
            problems.Add(new(ProblemKind.Manifest, EvidenceManifest.EntryName, $"{EvidenceManifest.EntryName} cannot be read: {exception.Message}"));
            return null;
        }
    }

    private static void CheckStatement(byte[]? bytes, byte[] manifestBytes, EvidenceManifest manifest, List<VerificationProblem> problems)
    {
        const string name = InTotoStatement.EntryName;
        if (bytes is null)
        {
            problems.Add(new(ProblemKind.Manifest, name, $"The archive has no {name} (the in-toto statement)."));
            return;
        }
        JsonNode? statement;
        try { statement = JsonNode.Parse(bytes); }
        catch (JsonException exception)
        {
            problems.Add(new(ProblemKind.Manifest, name, $"{name} is not valid JSON: {exception.Message}"));
            return;
        }
        if (statement?["_type"]?.GetValueKind() != JsonValueKind.String || (string?)statement["_type"] != InTotoStatement.StatementType)
            problems.Add(new(ProblemKind.Manifest, name, $"{name} is not an in-toto Statement v1 (_type must be {InTotoStatement.StatementType})."));
        if (statement?["predicateType"]?.GetValueKind() != JsonValueKind.String || (string?)statement["predicateType"] != InTotoStatement.EvidencePredicateType)
            problems.Add(new(ProblemKind.Manifest, name, $"{name} has predicateType other than {InTotoStatement.EvidencePredicateType}."));
        if (!JsonNode.DeepEquals(statement?["predicate"], JsonNode.Parse(manifestBytes)))
            problems.Add(new(ProblemKind.Manifest, name, $"The statement's predicate differs from {EvidenceManifest.EntryName}: one of the two was edited."));

        var subjects = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (statement?["subject"] is JsonArray array)
        {
            foreach (var subject in array)
            {
                var subjectName = subject?["name"]?.GetValueKind() == JsonValueKind.String ? (string?)subject["name"] : null;
                var sha = subject?["digest"]?["sha256"]?.GetValueKind() == JsonValueKind.String ? (string?)subject["digest"]!["sha256"] : null;
                if (subjectName is null) { problems.Add(new(ProblemKind.Manifest, name, $"{name} has a subject without a name.")); continue; }
                subjects[subjectName] = sha;
            }
        }
        else
        {
            problems.Add(new(ProblemKind.Manifest, name, $"{name} has no subject list."));
            return;
        }

        foreach (var file in manifest.Files)
        {
            if (!subjects.Remove(file.Path, out var sha))
                problems.Add(new(ProblemKind.Manifest, file.Path, $"'{file.Path}' is in the manifest but not a subject of the statement."));
            else if (!string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
                problems.Add(new(ProblemKind.Manifest, file.Path, $"'{file.Path}': the statement's sha256 ({sha}) differs from the manifest's ({file.Sha256})."));
        }
        foreach (var extra in subjects.Keys.Order(StringComparer.Ordinal))
            problems.Add(new(ProblemKind.Manifest, extra, $"'{extra}' is a subject of the statement but not in the manifest."));
    }

    private static void CheckOuterStatement(string path, byte[]? innerBytes, Dictionary<string, EntryDigest> entries, List<VerificationProblem> problems)
    {
        var name = Path.GetFileName(path);
        byte[] outer;
        JsonNode? statement;
        try
        {
            outer = File.ReadAllBytes(path);
            statement = JsonNode.Parse(outer);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            problems.Add(new(ProblemKind.Statement, name, $"The statement {path} cannot be read: {exception.Message}"));
            return;
        }

        var subjects = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var subject in statement?["subject"] as JsonArray ?? [])
        {
            if (subject?["name"]?.GetValueKind() != JsonValueKind.String) continue;
            subjects[(string)subject["name"]!] = subject["digest"]?["sha256"]?.GetValueKind() == JsonValueKind.String ? (string?)subject["digest"]!["sha256"] : null;
        }
        foreach (var (subject, sha) in subjects.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!entries.TryGetValue(subject, out var entry))
                problems.Add(new(ProblemKind.Statement, subject, $"'{subject}' is a subject of {name} but not in the archive."));
            else if (!string.Equals(entry.Sha256, sha, StringComparison.OrdinalIgnoreCase))
                problems.Add(new(ProblemKind.Statement, subject, $"'{subject}' in the archive has sha256 {entry.Sha256}, {name} says {sha}: the archive is not the one the statement describes."));
        }
        foreach (var entry in entries.Keys.Where(e => e is not (EvidenceManifest.EntryName or InTotoStatement.EntryName) && !subjects.ContainsKey(e)).Order(StringComparer.Ordinal))
            problems.Add(new(ProblemKind.Statement, entry, $"'{entry}' is in the archive but not a subject of {name}."));
        if (innerBytes is null || !innerBytes.AsSpan().SequenceEqual(outer))
            problems.Add(new(ProblemKind.Statement, InTotoStatement.EntryName, $"The statement inside the archive differs from {name}: the manifest or statement was rewritten after archiving."));
    }

    private static void ScanEntries(ISecretGate gate, Dictionary<string, EntryDigest> entries, List<VerificationProblem> problems)
    {
        foreach (var (name, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (entry.CopyPath is null) continue;
            foreach (var finding in gate.Scan(entry.CopyPath))
                problems.Add(new(ProblemKind.Secret, name, $"'{name}' line {finding.Line}: {finding.RuleId} ({finding.Description}) {finding.Redacted}"));
        }
    }

    private static EntryDigest Digest(ZipArchiveEntry entry, bool keepBytes, string? copyPath)
    {
        using var stream = entry.Open();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var copy = copyPath is null ? null : File.Create(copyPath);
        var kept = keepBytes ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            kept?.Write(buffer, 0, read);
            copy?.Write(buffer, 0, read);
            size += read;
        }
        return new EntryDigest(Convert.ToHexStringLower(sha.GetHashAndReset()), size, kept?.ToArray(), copyPath);
    }

    private sealed record EntryDigest(string Sha256, long Size, byte[]? Bytes, string? CopyPath = null);
}
