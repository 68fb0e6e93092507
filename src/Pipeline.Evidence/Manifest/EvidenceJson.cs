using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Evidence.Manifest;

/// <summary>The one JSON shape of every evidence document: camelCase, indented, stable order, LF line ends.</summary>
internal static class EvidenceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keep '+' and '<' readable; JSON stays valid
        NewLine = "\n",
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
