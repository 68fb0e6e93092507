using YamlDotNet.Serialization;

namespace Pipeline.Targets.Tests.CI;

/// <summary>Reads generated YAML back with a real YAML parser, as maps, lists and strings.</summary>
internal static class Yaml
{
    public static Dictionary<object, object> Parse(string text) => new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(text);

    public static Dictionary<object, object> Map(this object node, string key) => (Dictionary<object, object>)((Dictionary<object, object>)node)[key];
    public static List<object> List(this object node, string key) => (List<object>)((Dictionary<object, object>)node)[key];
    public static string? Text(this object node, string key) => ((Dictionary<object, object>)node).TryGetValue(key, out var value) ? value as string : null;
    public static bool Has(this object node, string key) => ((Dictionary<object, object>)node).ContainsKey(key);
    public static IEnumerable<Dictionary<object, object>> Steps(this object job) => job.List("steps").Cast<Dictionary<object, object>>();
    public static string[] Lines(this string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
