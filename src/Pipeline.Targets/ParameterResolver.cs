using System.Text.Json;

namespace Pipeline.Targets;

/// <summary>
/// Resolves every parameter in NUKE's order: command line, environment (<c>BaseUrl</c>, <c>BASE_URL</c>,
/// <c>NUKE_BASE_URL</c>), <c>.nuke/parameters.&lt;profile&gt;.json</c>, <c>.nuke/parameters.json</c>, else the
/// field initializer. Unknown names on the command line or in the JSON files are errors naming the closest parameter.
/// </summary>
internal sealed class ParameterResolver(
    IReadOnlyList<BuildParameter> parameters,
    CommandLine commandLine,
    IReadOnlyDictionary<string, string> environment,
    string rootDirectory,
    string workingDirectory)
{
    /// <summary>Options the engine itself understands; they are not build parameters.</summary>
    public static readonly string[] EngineOptions = ["help", "plan", "skip", "target", "root", "profile", "verbosity", "generate-configuration"];

    public void Apply(object build)
    {
        var known = parameters.ToDictionary(p => BuildName.Normalize(p.Name));
        foreach (var (spelling, normalized) in commandLine.OptionNames)
        {
            if (known.ContainsKey(normalized) || EngineOptions.Contains(normalized)) continue;
            var closest = BuildName.Closest(spelling, parameters.Select(p => BuildName.ToKebabCase(p.Name)).Concat(EngineOptions));
            throw new BuildSetupException($"Unknown parameter --{spelling}." + (closest is null ? "" : $" Did you mean --{closest}?") + " Run ./build.sh --help for the list.");
        }

        var profile = commandLine.Single("profile");
        var files = new List<(string Path, Dictionary<string, JsonElement> Values)>();
        if (profile is not null)
        {
            var path = Path.Combine(rootDirectory, ".nuke", $"parameters.{profile}.json");
            if (!File.Exists(path)) throw new BuildSetupException($"Profile '{profile}' not found: {path} does not exist.");
            files.Add((path, ReadJson(path, known)));
        }
        var defaults = Path.Combine(rootDirectory, ".nuke", "parameters.json");
        if (File.Exists(defaults)) files.Add((defaults, ReadJson(defaults, known)));

        foreach (var parameter in parameters)
        {
            var value = Resolve(parameter, files);
            if (value.Found) parameter.SetValue(build, value.Value);
        }
    }

    private (bool Found, object? Value) Resolve(BuildParameter parameter, List<(string Path, Dictionary<string, JsonElement> Values)> files)
    {
        if (commandLine.TryGet(parameter.Name, out var cli))
            return (true, ParameterValueConverter.Convert(parameter.Name, parameter.Type, cli, workingDirectory));

        foreach (var name in new[] { parameter.Name, BuildName.ToConstantCase(parameter.Name), "NUKE_" + BuildName.ToConstantCase(parameter.Name) })
            if (environment.TryGetValue(name, out var text) && text.Length > 0)
                return (true, ParameterValueConverter.Convert(parameter.Name, parameter.Type, [text], workingDirectory));

        foreach (var (_, values) in files)
            if (values.TryGetValue(BuildName.Normalize(parameter.Name), out var element))
                return (true, ParameterValueConverter.Convert(parameter.Name, parameter.Type, JsonValues(element), rootDirectory));

        return (false, null);
    }

    private Dictionary<string, JsonElement> ReadJson(string path, Dictionary<string, BuildParameter> known)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException exception) { throw new BuildSetupException($"{path} is not valid JSON: {exception.Message}"); }
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new BuildSetupException($"{path} must hold a JSON object of parameter names and values.");
        var result = new Dictionary<string, JsonElement>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.StartsWith('$')) continue;
            var normalized = BuildName.Normalize(property.Name);
            if (!known.ContainsKey(normalized))
            {
                var closest = BuildName.Closest(property.Name, known.Values.Select(p => p.Name));
                throw new BuildSetupException($"{path}: unknown parameter '{property.Name}'." + (closest is null ? "" : $" Did you mean '{closest}'?"));
            }
            result[normalized] = property.Value.Clone();
        }
        return result;
    }

    private static IReadOnlyList<string> JsonValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray(),
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [element.GetRawText()],
    };
}
