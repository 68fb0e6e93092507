using System.Text.RegularExpressions;
using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>Every <c>./build.sh ...</c> in the workflows and in README names real targets and parameters.</summary>
public partial class WorkflowCommandTests
{
    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>();
        var files = Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml")
            .Append(System.IO.Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var file in files)
        foreach (Match match in BuildCommand().Matches(File.ReadAllText(file)))
            if (seen.Add(System.IO.Path.GetFileName(file) + ": " + match.Groups[1].Value.Trim()))
                data.Add(System.IO.Path.GetFileName(file), match.Groups[1].Value.Trim());
        return data;
    }

    [Fact]
    public void The_workflows_call_the_build()
    {
        Assert.Contains(Commands(), row => (string)row[0] == "pipeline.yml" && ((string)row[1]).StartsWith("Test"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_names_existing_targets_and_parameters(string file, string arguments)
    {
        var args = Split(arguments).Append("--plan").ToArray();
        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = args,
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = RepositoryRoot.Path,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });
        Assert.True(exit == 0, $"{file}: ./build.sh {arguments} -> {output}");
    }

    // GitHub expressions stand for one value each: a typical one where the build parses it (p95.yml's shard line,
    // "RunP95 --shard ${{ matrix.shard }}/${{ inputs.shards }} --run-id ${{ github.run_id }}-${{ github.run_attempt }}",
    // needs the --shard and --run-id parameters), "value" otherwise.
    private static IEnumerable<string> Split(string arguments) =>
        Regex.Matches(Regex.Replace(arguments, @"\$\{\{\s*([^}]*?)\s*\}\}", m => Samples.GetValueOrDefault(m.Groups[1].Value, "value")), "\"[^\"]*\"|'[^']*'|\\S+")
            .Select(m => m.Value.Trim('"', '\''));

    private static readonly Dictionary<string, string> Samples = new()
    {
        ["matrix.shard"] = "2", ["inputs.shards"] = "3", ["github.run_id"] = "9876543210", ["github.run_attempt"] = "1",
    };

    // "./build.sh Target --param value" up to the end of the line, a pipe, a redirect or a backtick.
    [GeneratedRegex(@"\./build\.(?:sh|ps1)[ \t]+([^\n|>`#]*)")]
    private static partial Regex BuildCommand();
}
