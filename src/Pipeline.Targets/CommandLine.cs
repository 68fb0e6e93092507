namespace Pipeline.Targets;

/// <summary>
/// The parsed command line: leading words are target names, then <c>--name value...</c> options
/// (also <c>--name=value</c>); a repeated option replaces the earlier one (last wins).
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, (string Spelling, List<string> Values)> _options = new();

    public CommandLine(IEnumerable<string> args)
    {
        List<string>? current = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('-') && arg.Length == 2 && char.IsLetter(arg[1])))
            {
                var body = arg.TrimStart('-');
                var equals = body.IndexOf('=');
                var name = equals < 0 ? body : body[..equals];
                if (name == "h") name = "help";
                var values = new List<string>();
                _options[BuildName.Normalize(name)] = (name, values);
                if (equals >= 0) values.Add(body[(equals + 1)..]);
                // Switches take no value: "./build.sh --plan Test" plans Test.
                current = Switches.Contains(BuildName.Normalize(name)) ? null : values;
            }
            else if (current is null) Targets.Add(arg);
            else current.Add(arg);
        }
        if (TryGet("target", out var targets)) Targets.AddRange(targets);
    }

    private static readonly HashSet<string> Switches = ["help", "plan", "generateconfiguration"];

    /// <summary>Targets named on the command line, in order.</summary>
    public List<string> Targets { get; } = [];

    public IEnumerable<(string Spelling, string Normalized)> OptionNames => _options.Select(o => (o.Value.Spelling, o.Key));

    public bool Has(string name) => _options.ContainsKey(BuildName.Normalize(name));

    public bool TryGet(string name, out IReadOnlyList<string> values)
    {
        var found = _options.TryGetValue(BuildName.Normalize(name), out var option);
        values = found ? option.Values : [];
        return found;
    }

    public string? Single(string name) => TryGet(name, out var values) && values.Count > 0 ? values[^1] : null;
}
