using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Secrets.Baseline;

namespace Pipeline.Secrets.Reports;

/// <summary>
/// Writes detect-secrets' baseline format key for key as v1.5.0 prints it: version, plugins_used (sorted by
/// lowercased name), filters_used (sorted by path), results (files sorted, findings by line then type),
/// generated_at; two-space indentation. The plugin list is detect-secrets' own, so `detect-secrets audit`
/// can load the file.
/// </summary>
internal static class DetectSecretsBaselineWriter
{
    // (name, extra key, extra raw JSON value): detect-secrets 1.5.0's default plugins.
    private static readonly (string Name, string? Key, string? Value)[] Plugins =
    [
        ("ArtifactoryDetector", null, null), ("AWSKeyDetector", null, null), ("AzureStorageKeyDetector", null, null),
        ("Base64HighEntropyString", "limit", "4.5"), ("BasicAuthDetector", null, null), ("CloudantDetector", null, null),
        ("DiscordBotTokenDetector", null, null), ("GitHubTokenDetector", null, null), ("GitLabTokenDetector", null, null),
        ("HexHighEntropyString", "limit", "3.0"), ("IbmCloudIamDetector", null, null), ("IbmCosHmacDetector", null, null),
        ("IPPublicDetector", null, null), ("JwtTokenDetector", null, null), ("KeywordDetector", "keyword_exclude", "\"\""),
        ("MailchimpDetector", null, null), ("NpmDetector", null, null), ("OpenAIDetector", null, null),
        ("PrivateKeyDetector", null, null), ("PypiTokenDetector", null, null), ("SendGridDetector", null, null),
        ("SlackDetector", null, null), ("SoftlayerDetector", null, null), ("SquareOAuthDetector", null, null),
        ("StripeDetector", null, null), ("TelegramBotTokenDetector", null, null), ("TwilioKeyDetector", null, null),
    ];

    private static readonly (string Path, string? Key, string? Value)[] Filters =
    [
        ("detect_secrets.filters.allowlist.is_line_allowlisted", null, null),
        ("detect_secrets.filters.common.is_ignored_due_to_verification_policies", "min_level", "2"),
        ("detect_secrets.filters.heuristic.is_indirect_reference", null, null),
        ("detect_secrets.filters.heuristic.is_likely_id_string", null, null),
        ("detect_secrets.filters.heuristic.is_lock_file", null, null),
        ("detect_secrets.filters.heuristic.is_not_alphanumeric_string", null, null),
        ("detect_secrets.filters.heuristic.is_potential_uuid", null, null),
        ("detect_secrets.filters.heuristic.is_prefixed_with_dollar_sign", null, null),
        ("detect_secrets.filters.heuristic.is_sequential_string", null, null),
        ("detect_secrets.filters.heuristic.is_swagger_file", null, null),
        ("detect_secrets.filters.heuristic.is_templated_secret", null, null),
    ];

    public static string Write(SecretsBaseline baseline, DateTimeOffset generatedAt)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", baseline.Version);
            json.WriteStartArray("plugins_used");
            foreach (var (name, key, value) in Plugins.OrderBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal))
                WriteNamed(json, "name", name, key, value);
            json.WriteEndArray();
            json.WriteStartArray("filters_used");
            foreach (var (path, key, value) in Filters.OrderBy(f => f.Path, StringComparer.Ordinal))
                WriteNamed(json, "path", path, key, value);
            json.WriteEndArray();
            json.WriteStartObject("results");
            foreach (var file in baseline.Entries.GroupBy(e => e.FileName).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(file.Key);
                foreach (var entry in file.OrderBy(e => e.LineNumber ?? 0).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.HashedSecret, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("type", entry.Type);
                    json.WriteString("filename", entry.FileName);
                    json.WriteString("hashed_secret", entry.HashedSecret);
                    json.WriteBoolean("is_verified", entry.IsVerified);
                    if (entry.LineNumber is { } line) json.WriteNumber("line_number", line);
                    if (entry.IsSecret is { } isSecret) json.WriteBoolean("is_secret", isSecret);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteString("generated_at", generatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNamed(Utf8JsonWriter json, string nameKey, string name, string? key, string? rawValue)
    {
        json.WriteStartObject();
        json.WriteString(nameKey, name);
        // Raw, so 3.0 stays "3.0" as Python prints it.
        if (key is not null) { json.WritePropertyName(key); json.WriteRawValue(rawValue!); }
        json.WriteEndObject();
    }
}
