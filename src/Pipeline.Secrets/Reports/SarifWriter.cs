using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Secrets.Rules;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Reports;

/// <summary>
/// Writes SARIF 2.1.0 as GitHub code scanning accepts it: one run, the tool's rules (with help text), one
/// result per finding with a physical location relative to the repository (<c>%SRCROOT%</c>), a
/// <c>partialFingerprints</c> entry so alerts follow the secret across edits, and baselined findings marked
/// <c>baselineState: unchanged</c> with an external suppression.
/// </summary>
internal static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "Pipeline.Secrets";

    public static string Write(IReadOnlyList<SecretFinding> findings, IReadOnlyList<SecretRule> rules, string toolVersion, bool executionSuccessful = true)
    {
        var ruleIds = rules.Select(r => (r.Id, r.Description))
            .Concat(findings.Select(f => (Id: f.RuleId, f.Description)))
            .DistinctBy(r => r.Id).ToList();
        var ruleIndex = ruleIds.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolName);
            json.WriteString("version", toolVersion);
            json.WriteString("informationUri", "https://github.com/pipeline/pipeline/blob/main/docs/operations/secrets-rotation.md");
            json.WriteStartArray("rules");
            foreach (var (id, description) in ruleIds)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("name", ToPascalCase(id));
                json.WriteStartObject("shortDescription"); json.WriteString("text", description); json.WriteEndObject();
                json.WriteStartObject("fullDescription"); json.WriteString("text", description + ". A credential committed to the repository or written to a log must be rotated."); json.WriteEndObject();
                json.WriteStartObject("help");
                json.WriteString("text", "Rotate the credential (docs/operations/secrets-rotation.md), remove it from the file and its history, load it from the secrets store instead. If it is not a secret, add it to .secrets.baseline (./build.sh ScanSecrets --update-baseline) or mark the line with pipeline:allow-secret.");
                json.WriteEndObject();
                json.WriteStartObject("defaultConfiguration"); json.WriteString("level", "error"); json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteStartArray("tags"); json.WriteStringValue("security"); json.WriteStringValue("secret"); json.WriteEndArray();
                json.WriteString("security-severity", "9.0");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject(); json.WriteBoolean("executionSuccessful", executionSuccessful); json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("%SRCROOT%"); json.WriteString("uri", "file:///"); json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", finding.RuleId);
                json.WriteNumber("ruleIndex", ruleIndex[finding.RuleId]);
                json.WriteString("level", finding.IsBaselined ? "note" : "error");
                json.WriteStartObject("message");
                json.WriteString("text", $"{finding.Description}: {finding.Redacted} (found by {string.Join(", ", finding.Engines)}).");
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri.EscapeDataString(finding.File).Replace("%2F", "/"));
                json.WriteString("uriBaseId", "%SRCROOT%");
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, finding.Line));
                if (finding.Column > 0) json.WriteNumber("startColumn", finding.Column);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString("secretHash/v1", finding.SecretHash);
                json.WriteEndObject();
                json.WriteString("baselineState", finding.IsBaselined ? "unchanged" : "new");
                if (finding.IsBaselined)
                {
                    json.WriteStartArray("suppressions");
                    json.WriteStartObject();
                    json.WriteString("kind", "external");
                    json.WriteString("justification", "Accepted in .secrets.baseline");
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string ToPascalCase(string id) =>
        string.Concat(id.Split('-', '_', ':', ' ').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
