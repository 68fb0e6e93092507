namespace Pipeline.Targets;

/// <summary>
/// The parsed command line: leading words are target names, then <c>--name value...</c> options
/// (also <c>--name=value</c>); a repeated option replaces the earlier one (last wins).
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, (string Spelling, List<string> Values)> _options = new();
    private readonly Dictionary<string, List<int>> _positions = new();
    private readonly Dictionary<string, string> _previous = new();

    public CommandLine(IEnumerable<string> args)
    {
        List<string>? current = null;
        List<int>? currentPositions = null;
        string? previous = null;
        var position = 0;
        foreach (var arg in args)
        {
            position++;
            if (arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('-') && arg.Length == 2 && char.IsLetter(arg[1])))
            {
                var body = arg.TrimStart('-');
                var equals = body.IndexOf('=');
                var name = equals < 0 ? body : body[..equals];
                if (name == "h") name = "help";
                var values = new List<string>();
                var normalized = BuildName.Normalize(name);
                // Silently keeping the last of two would run with a value the user may not have meant (a switch twice is harmless).
                if (_options.TryGetValue(normalized, out var earlier) && !Switches.Contains(normalized))
                    throw new BuildSetupException($"--{earlier.Spelling} is given twice; give it once (several values go after one flag: --{earlier.Spelling} a b).");
                _options[normalized] = (name, values);
                _positions[normalized] = currentPositions = [];
                if (previous is not null) _previous[normalized] = previous;
                previous = normalized;
                if (equals >= 0) { values.Add(body[(equals + 1)..]); currentPositions.Add(position); }
                // Switches take no value: "./build.sh --plan Test" plans Test.
                current = Switches.Contains(normalized) ? null : values;
            }
            else if (current is null) Targets.Add(arg);
            else { current.Add(arg); currentPositions!.Add(position); }
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

    /// <summary>Where an option's values stand on the command line, for messages that must not repeat them: "arguments 3-4".</summary>
    public string DescribePositions(string name)
    {
        var positions = _positions.GetValueOrDefault(BuildName.Normalize(name)) ?? [];
        return positions.Count switch
        {
            0 => "on the command line",
            1 => $"argument {positions[0]}",
            _ => $"arguments {positions[0]}-{positions[^1]}",
        };
    }

    /// <summary>The option written just before this one (normalized), if any.</summary>
    public string? OptionBefore(string name) => _previous.GetValueOrDefault(BuildName.Normalize(name));

    public string? Single(string name) => TryGet(name, out var values) && values.Count > 0 ? values[^1] : null;
}
