using Pipeline.Core.Files;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;

namespace Pipeline.Resilience.Health;

/// <summary>
/// The health history file: one JSON record per line, oldest first. Saving prunes records older than the
/// retention; lines that cannot be read are kept as they are (nothing is silently dropped) and reported.
/// </summary>
internal sealed class HealthHistory
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Server versions hold '+' and messages quotes: keep the history readable with plain characters.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private HealthHistory(string path, IReadOnlyList<HealthRecord> records, IReadOnlyList<string> unreadableLines)
    {
        Path = path;
        Records = records;
        UnreadableLines = unreadableLines;
    }

    public string Path { get; }
    public IReadOnlyList<HealthRecord> Records { get; }
    public IReadOnlyList<string> UnreadableLines { get; }

    public HealthRecord? Latest => Records.Count == 0 ? null : Records[^1];

    public static HealthHistory Load(string path)
    {
        var records = new List<HealthRecord>();
        var unreadable = new List<string>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    records.Add(JsonSerializer.Deserialize<HealthRecord>(line, Json) ?? throw new JsonException("null record"));
                }
                catch (JsonException)
                {
                    unreadable.Add(line);
                }
            }
        }
        return new HealthHistory(path, records.OrderBy(r => r.Timestamp).ToArray(), unreadable);
    }

    /// <summary>
    /// Appends <paramref name="record"/>, drops records older than <paramref name="retention"/> before
    /// <paramref name="now"/>, and rewrites the file atomically. Returns how many records were pruned.
    /// </summary>
    public int AppendAndPrune(HealthRecord record, TimeSpan retention, DateTimeOffset now, SecretRedactor? redactor = null)
    {
        redactor ??= SecretRedactor.Global;
        var cutoff = now - retention;
        var kept = Records.Where(r => r.Timestamp >= cutoff).Append(record).ToArray();
        var content = new StringBuilder();
        foreach (var line in UnreadableLines) content.Append(line).Append('\n');
        foreach (var entry in kept) content.Append(redactor.Redact(JsonSerializer.Serialize(entry, Json))).Append('\n');
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        AtomicFile.WriteAllText(Path, content.ToString(), overwrite: true);
        return Records.Count + 1 - kept.Length;
    }
}
