using Pipeline.Core.Naming;
using System.Text.Json;
using Pipeline.Core.Redaction;

namespace Pipeline.Targets;

/// <summary>
/// Resolves every parameter in NUKE's order: command line, environment (<c>BaseUrl</c>, <c>BASE_URL</c>,
/// <c>NUKE_BASE_URL</c>), <c>.nuke/parameters.&lt;profile&gt;.json</c>, <c>.nuke/parameters.json</c>, else the
/// field initializer. Unknown names on the command line or in the JSON files are errors naming the closest parameter.
/// Values of <c>[Secret]</c> parameters and credentials inside URLs are registered with the redactor before any
/// message about them can be written, and no message repeats a secret parameter's value.
/// </summary>
internal sealed class ParameterResolver(
    IReadOnlyList<BuildParameter> parameters,
    CommandLine commandLine,
    IReadOnlyDictionary<string, string> environment,
    string rootDirectory,
    string workingDirectory,
    SecretRedactor redactor)
{
    /// <summary>Warnings for the user (a secret stored in a parameters file); never holding a secret's value.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Options the engine itself understands; they are not build parameters.</summary>
    public static readonly string[] EngineOptions = ["help", "plan", "skip", "target", "root", "profile", "verbosity", "generate-configuration"];

    public void Apply(object build)
    {
        var known = parameters.ToDictionary(p => BuildName.Normalize(p.Name));
        foreach (var (_, normalized) in commandLine.OptionNames)
            if (commandLine.TryGet(normalized, out var values))
                Protect(known.GetValueOrDefault(normalized), values);
        foreach (var (spelling, normalized) in commandLine.OptionNames)
        {
            if (known.ContainsKey(normalized) || EngineOptions.Contains(normalized)) continue;
            // "--token --abc123secret": the unknown word is more likely the token than a misspelt parameter.
            if (commandLine.OptionBefore(normalized) is { } before && known.GetValueOrDefault(before) is { IsSecret: true } secret
                && commandLine.TryGet(before, out var secretValues) && secretValues.Count == 0)
            {
                redactor.Register("--" + spelling);
                redactor.Register(spelling);
                throw new BuildSetupException($"{secret.CommandLineName} has no value and is followed by an option that is not a parameter (not shown: it may be the secret). " +
                    $"If the value starts with --, write {secret.CommandLineName}=VALUE; better, set it in the environment ({BuildName.ToConstantCase(secret.Name)}).");
            }
            var closest = BuildName.Closest(spelling, parameters.Select(p => KebabCase.From(p.Name)).Concat(EngineOptions));
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
            return (true, ParameterValueConverter.Convert(parameter, cli, workingDirectory, commandLine.DescribePositions(parameter.Name)));

        foreach (var name in new[] { parameter.Name, BuildName.ToConstantCase(parameter.Name), "NUKE_" + BuildName.ToConstantCase(parameter.Name) })
            if (environment.TryGetValue(name, out var text) && text.Length > 0)
            {
                Protect(parameter, [text]);
                return (true, ParameterValueConverter.Convert(parameter, [text], workingDirectory, $"environment variable {name}"));
            }

        foreach (var (path, values) in files)
            if (values.TryGetValue(BuildName.Normalize(parameter.Name), out var element))
            {
                var texts = JsonValues(element);
                Protect(parameter, texts);
                return (true, ParameterValueConverter.Convert(parameter, texts, rootDirectory, Path.GetRelativePath(rootDirectory, path)));
            }

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
            if (known[normalized].IsSecret && property.Value.ValueKind != JsonValueKind.Null && JsonValues(property.Value).Any(v => v.Length > 0))
            {
                Protect(known[normalized], JsonValues(property.Value));
                Warnings.Add($"{Path.GetRelativePath(rootDirectory, path)} holds the secret parameter '{property.Name}' in plain text: " +
                    $"set it in the environment ({BuildName.ToConstantCase(known[normalized].Name)}) instead and remove it from the file.");
            }
        }
        return result;
    }

    /// <summary>Registers what must never be shown: a secret parameter's values, and the credentials of any URL.</summary>
    private void Protect(BuildParameter? parameter, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            if (parameter is { IsSecret: true }) redactor.Register(value);
            UrlCredentials.Register(redactor, value);
        }
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
