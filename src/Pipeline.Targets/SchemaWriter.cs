using Pipeline.Core.Naming;
using Pipeline.Core.Files;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Targets;

/// <summary>
/// Keeps <c>.nuke/build.schema.json</c> in step with the parameters, so editors complete and check
/// <c>.nuke/parameters.json</c>. The file is rewritten only when its content changes (no churn).
/// </summary>
internal static class SchemaWriter
{
    /// <summary>The schema changes only with the build itself: regenerated when the build is newer than the file.</summary>
    public static void UpdateIfStale(NukeBuild build, IReadOnlyList<BuildParameter> parameters, TargetGraph graph)
    {
        var schema = Path.Combine(build.RootDirectory, ".nuke", "build.schema.json");
        var built = new[] { build.GetType().Assembly.Location, typeof(SchemaWriter).Assembly.Location }.Max(File.GetLastWriteTimeUtc);
        if (!File.Exists(schema) || File.GetLastWriteTimeUtc(schema) < built)
            Update(schema, parameters, graph);
    }

    public static void Update(string path, IReadOnlyList<BuildParameter> parameters, TargetGraph graph)
    {
        var targetNames = new JsonArray(graph.Nodes.Select(n => (JsonNode)n.Name).ToArray());
        var properties = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        foreach (var parameter in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var schema = TypeSchema(parameter.Type);
            schema["description"] = parameter.Description;
            if (double.IsFinite(parameter.Minimum)) schema["minimum"] = parameter.Minimum;
            if (double.IsFinite(parameter.Maximum)) schema["maximum"] = parameter.Maximum;
            if (parameter.IsSecret) schema["default"] = "Secrets must not be stored here; use an environment variable.";
            properties[parameter.Name] = schema;
        }
        properties["Target"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = targetNames.DeepClone() } };
        properties["Skip"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = targetNames } };

        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Pipeline build parameters",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text) return;
        AtomicFile.WriteAllText(path, text, overwrite: true);
    }

    private static JsonObject TypeSchema(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray) return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(target.GetElementType()!) };
        if (target.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(target).Select(n => (JsonNode)KebabCase.From(n)).ToArray()) };
        if (target == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (target == typeof(int) || target == typeof(long)) return new JsonObject { ["type"] = "integer" };
        if (target == typeof(double)) return new JsonObject { ["type"] = "number" };
        if (target == typeof(TimeSpan)) return new JsonObject { ["type"] = "string", ["pattern"] = @"^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d))+$|^0$" };
        if (target == typeof(DateOnly)) return new JsonObject { ["type"] = "string", ["pattern"] = @"^\d{8}$|^\d{4}-\d{2}-\d{2}$" };
        if (target == typeof(Uri)) return new JsonObject { ["type"] = "string", ["format"] = "uri", ["pattern"] = "^https?://" };
        return new JsonObject { ["type"] = "string" };
    }
}
