using System.Globalization;
using Pipeline.Core.Tools;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Testing;

/// <summary>
/// Runs <c>dotnet test</c> on the test solution filter and writes TRX and JUnit files into
/// <c>reports/tests/YYYYMMDD-HHMMSS/</c> (a folder per run, so earlier results are kept).
/// </summary>
public static class DotNetTestRun
{
    public const string SolutionFilter = "Pipeline.Tests.slnf";

    public static async Task<TestRunSummary> RunAsync(TestRunSettings settings, RunContext context)
    {
        var (root, filter) = (settings.Root, settings.Filter);
        var stamp = Path.Combine(root, "reports", "tests", context.Clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var results = stamp;
        for (var i = 2; Directory.Exists(results); i++) results = $"{stamp}-{i}";
        Directory.CreateDirectory(results);
        var dotnet = ToolLocator.Require("dotnet", "Install the .NET SDK named in global.json (./build.sh does it for you).");
        List<string> arguments =
        [
            "test", Path.Combine(root, SolutionFilter), "--configuration", settings.Configuration, "--nologo",
            "--results-directory", results,
            "--logger", "trx",
            "--logger", $"junit;LogFilePath={Path.Combine(results, "{assembly}.junit.xml")};MethodFormat=Class;FailureBodyFormat=Verbose",
            "--logger", "console;verbosity=minimal",
        ];
        if (!string.IsNullOrWhiteSpace(filter)) arguments.AddRange(["--filter", filter]);
        var command = new ToolCommand(dotnet, arguments)
        {
            WorkingDirectory = root,
            Timeout = TimeSpan.FromMinutes(60),
            // A failing test is reported by the counts, not as a tool crash.
            SuccessExitCodes = new HashSet<int> { 0, 1 },
            BufferStandardOutput = false,
            OnStandardOutputLine = line => { if (line.Length > 0) context.Log.Information("{Line}", line); },
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        };
        var result = await context.Tools.RunAsync(command, context.CancellationToken);
        var summary = TrxCounter.Count(results);
        if (result.ExitCode != 0 && summary.Failed == 0)
            throw new ToolException($"dotnet test exited with {result.ExitCode} but no test failed: the build of the tests failed. See the log above.");
        return summary;
    }
}
