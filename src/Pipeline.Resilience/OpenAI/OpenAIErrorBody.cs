using System.Text.Json;

namespace Pipeline.Resilience.OpenAI;

/// <summary>The <c>error</c> object of an OpenAI error answer: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record OpenAIErrorBody(string? Message, string? Type, string? Param, string? Code)
{
    /// <summary>Reads an error body; returns null when the text is not OpenAI's error shape (HTML from a proxy, empty...).</summary>
    public static OpenAIErrorBody? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object) return null;
            return new OpenAIErrorBody(Text(error, "message"), Text(error, "type"), Text(error, "param"), Text(error, "code"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;
}
