using System.Text.Json;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Adapters;

/// <summary>
/// Reads `trufflehog filesystem --json` stdout (one JSON object per line, pkg/output/json.go). Every raw value
/// is registered with the redactor as soon as it is read. Fields added in later v3 releases are optional.
/// </summary>
internal static class TrufflehogOutputParser
{
    public const string Engine = "trufflehog";

    /// <exception cref="FormatException">A line is not a trufflehog finding; the message quotes its start, masked.</exception>
    public static IReadOnlyList<SecretFinding> Parse(string standardOutput, string root, SecretRedactor? redactor = null)
    {
        redactor ??= SecretRedactor.Global;
        var findings = new List<SecretFinding>();
        var number = 0;
        foreach (var rawLine in standardOutput.Split('\n'))
        {
            number++;
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var item = document.RootElement;
                var raw = item.GetProperty("Raw").GetString() ?? "";
                redactor.Register(raw);
                if (item.TryGetProperty("RawV2", out var rawV2)) redactor.Register(rawV2.GetString());
                var filesystem = item.GetProperty("SourceMetadata").GetProperty("Data").GetProperty("Filesystem");
                var detector = item.GetProperty("DetectorName").GetString() ?? "Unknown";
                var family = ExternalFindingMapping.FamilyOfTrufflehogDetector(detector);
                findings.Add(new SecretFinding
                {
                    File = ExternalFindingMapping.RelativePath(root, filesystem.GetProperty("file").GetString() ?? ""),
                    Line = filesystem.TryGetProperty("line", out var l) ? l.GetInt32() : 0,
                    RuleId = "trufflehog:" + detector,
                    Description = item.TryGetProperty("DetectorDescription", out var d) && d.GetString() is { Length: > 0 } text ? text : $"{detector} credential (trufflehog)",
                    Family = family,
                    Redacted = raw.Length > 0 ? SecretRedactor.Mask(raw) : "(empty)",
                    SecretHash = SecretScanner.Sha1Hex(raw),
                    DetectSecretsType = ExternalFindingMapping.DetectSecretsTypeOfFamily(family),
                    TrufflehogDetector = detector,
                    TrufflehogDetectorType = item.TryGetProperty("DetectorType", out var t) ? t.GetInt32() : 0,
                    Verified = item.TryGetProperty("Verified", out var v) && v.ValueKind == JsonValueKind.True,
                    Engines = [Engine],
                });
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                var start = redactor.Redact(line.Length > 60 ? line[..60] + "..." : line);
                throw new FormatException($"trufflehog printed output that is not a JSON finding on stdout line {number} ('{start}'). " +
                                          "Check that it is trufflehog v3 and that --json is supported.", exception);
            }
        }
        return findings;
    }
}
