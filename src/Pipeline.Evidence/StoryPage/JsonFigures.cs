using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Evidence.StoryPage;

/// <summary>Forgiving access to JSON written by other targets: keys compared without case, '_', '-', '(' or ')'.</summary>
internal static class JsonFigures
{
    public static JsonNode? TryParseFile(string path, long maxBytes = 64L << 20)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > maxBytes) return null;
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string Key(string key) => new(key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The first property of <paramref name="node"/> whose normalised key is one of <paramref name="keys"/>.</summary>
    public static (string Key, JsonNode Value)? Property(JsonNode? node, params string[] keys)
    {
        if (node is not JsonObject obj) return null;
        foreach (var wanted in keys)
            foreach (var (key, value) in obj)
                if (value is not null && Key(key) == wanted) return (key, value);
        return null;
    }

    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<double>() is var d && double.IsFinite(d) ? d : null,
            JsonValueKind.String => double.TryParse(value.GetValue<string>().TrimEnd('%', ' ').Replace("ms", "", StringComparison.OrdinalIgnoreCase), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null,
            _ => null,
        };
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
