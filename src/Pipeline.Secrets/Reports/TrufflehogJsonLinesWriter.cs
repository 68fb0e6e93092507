using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Reports;

/// <summary>
/// Writes findings as trufflehog v3 `filesystem --json` lines (pkg/output/json.go field order), so tools that
/// read trufflehog output read ours. <c>Raw</c> and <c>Redacted</c> hold the mask, never the value; which
/// engines found it, the rule, the SHA-1 and the baseline state go in <c>ExtraData</c>.
/// </summary>
internal static class TrufflehogJsonLinesWriter
{
    public const int FilesystemSourceType = 15;

    public static string Write(IEnumerable<SecretFinding> findings)
    {
        var text = new StringBuilder();
        foreach (var finding in findings) text.Append(WriteLine(finding)).Append('\n');
        return text.ToString();
    }

    public static string WriteLine(SecretFinding finding)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("SourceMetadata");
            json.WriteStartObject("Data");
            json.WriteStartObject("Filesystem");
            json.WriteString("file", finding.File);
            json.WriteNumber("line", finding.Line);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("SourceID", 1);
            json.WriteNumber("SourceType", FilesystemSourceType);
            json.WriteString("SourceName", "pipeline - filesystem");
            json.WriteNumber("DetectorType", finding.TrufflehogDetectorType);
            json.WriteString("DetectorName", finding.TrufflehogDetector);
            json.WriteString("DetectorDescription", finding.Description);
            json.WriteString("DecoderName", "PLAIN");
            json.WriteBoolean("Verified", finding.Verified);
            json.WriteBoolean("VerificationFromCache", false);
            json.WriteString("Raw", finding.Redacted);
            json.WriteString("RawV2", "");
            json.WriteString("Redacted", finding.Redacted);
            json.WriteStartObject("ExtraData");
            json.WriteString("rule_id", finding.RuleId);
            json.WriteString("engines", string.Join(",", finding.Engines));
            json.WriteString("secret_sha1", finding.SecretHash);
            json.WriteString("baseline", finding.IsBaselined ? "accepted" : "new");
            json.WriteEndObject();
            json.WriteNull("StructuredData");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
