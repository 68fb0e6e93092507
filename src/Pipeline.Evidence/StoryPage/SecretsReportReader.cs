using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Counts findings in the secrets reports, whose formats are the tools' own: trufflehog JSON lines (one
/// finding per line), detect-secrets' baseline (<c>results</c>: file → list), SARIF (<c>runs[].results</c>).
/// </summary>
internal static class SecretsReportReader
{
    public static int? CountJsonLines(string path)
    {
        try
        {
            var count = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try { if (JsonNode.Parse(line) is JsonObject) count++; }
                catch (JsonException) { return null; }   // not the trufflehog format: say "not available" rather than guess
            }
            return count;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static int? CountDetectSecretsResults(string path) =>
        JsonFigures.TryParseFile(path)?["results"] is JsonObject results
            ? results.Sum(r => r.Value is JsonArray list ? list.Count : 0)
            : null;

    public static int? CountSarifResults(string path) =>
        JsonFigures.TryParseFile(path)?["runs"] is JsonArray runs
            ? runs.Sum(r => r?["results"] is JsonArray list ? list.Count : 0)
            : null;
}
