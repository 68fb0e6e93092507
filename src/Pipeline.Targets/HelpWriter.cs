using Pipeline.Core.Naming;
using Pipeline.Core.Redaction;
using Pipeline.Core.Time;

namespace Pipeline.Targets;

/// <summary>--help: targets with their direct dependencies, then parameters with types and defaults.</summary>
internal static class HelpWriter
{
    public static void Write(TextWriter output, NukeBuild build, TargetGraph graph, IReadOnlyList<BuildParameter> parameters, string defaultTarget)
    {
        output.WriteLine("Usage: ./build.sh [targets] [--parameter value ...]   (build.ps1 on Windows)");
        output.WriteLine();
        output.WriteLine("Targets (-> direct dependencies):");
        var listed = graph.Nodes.Where(n => !n.IsUnlisted).ToList();
        var width = listed.Select(n => Label(n, defaultTarget).Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var node in listed)
        {
            var dependencies = node.Dependencies.Count > 0 ? $" -> {string.Join(", ", node.Dependencies.Select(d => d.Name))}" : string.Empty;
            output.WriteLine($"  {Label(node, defaultTarget).PadRight(width)}{node.Description}{dependencies}");
        }

        output.WriteLine();
        output.WriteLine("Parameters (command line, or env BASE_URL / NUKE_BASE_URL, or .nuke/parameters.json):");
        var rows = parameters.Select(p => (Name: $"{p.CommandLineName} <{(p.IsSecret ? "secret" : ParameterValueConverter.Describe(p.Type))}>",
            Text: p.Description + (p.IsRequired ? " [required]" : string.Empty) + RangeOf(p) + DefaultOf(p, build))).ToList();
        var parameterWidth = rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var (name, text) in rows) output.WriteLine($"  {name.PadRight(parameterWidth)}{text}");

        output.WriteLine();
        output.WriteLine("Engine options:");
        output.WriteLine("  --help                 this text");
        output.WriteLine("  --plan                 print the execution plan (Mermaid graph in .nuke/temp/plan.md) and stop");
        output.WriteLine("  --target A [B]         targets to run (same as naming them first)");
        output.WriteLine("  --skip [A B]           skip the named targets; bare --skip skips every target not invoked");
        output.WriteLine("  --profile NAME         also read .nuke/parameters.NAME.json");
        output.WriteLine("  --root DIR             repository root (default: the folder holding .nuke/)");
        output.WriteLine("  --verbosity LEVEL      quiet | minimal | normal | verbose");
        output.WriteLine("  --generate-configuration  write .github/workflows/*.yml from the build's [GitHubActions] attributes");
        output.Flush();
    }

    private static string Label(TargetNode node, string defaultTarget) =>
        BuildName.Normalize(node.Name) == BuildName.Normalize(defaultTarget) ? $"{node.Name} (default)" : node.Name;

    private static string RangeOf(BuildParameter parameter)
    {
        static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var minimum = double.IsFinite(parameter.Minimum) ? $">= {Number(parameter.Minimum)}" : null;
        var maximum = double.IsFinite(parameter.Maximum) ? $"<= {Number(parameter.Maximum)}" : null;
        return minimum is null && maximum is null ? string.Empty : $" [{string.Join(", ", new[] { minimum, maximum }.OfType<string>())}]";
    }

    private static string DefaultOf(BuildParameter parameter, NukeBuild build)
    {
        var value = parameter.GetValue(build);
        if (parameter.IsSecret) return value is null ? string.Empty : " (default: <secret>)";
        return value switch
        {
            null => string.Empty,
            false => string.Empty,
            Array { Length: 0 } => string.Empty,
            Array array => $" (default: {string.Join(", ", array.Cast<object>())})",
            TimeSpan span => $" (default: {Duration.Format(span)})",
            DateOnly day => $" (default: {day:yyyyMMdd})",
            Uri url => $" (default: {UrlCredentials.Mask(url.ToString())})",
            Enum e => $" (default: {KebabCase.From(e.ToString())})",
            _ => $" (default: {value})",
        };
    }
}
